using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>Cluster membership as the coordinator needs it: enough workers before loading, and the status report.</summary>
public sealed class WorkerWatch(ActorSystem system, IActorRef shardRegion, int minWorkers, TimeSpan waitTimeout)
{
    private IEnumerable<Member> UpWorkers => Akka.Cluster.Cluster.Get(system).State.Members
        .Where(m => m.Status == MemberStatus.Up && m.HasRole(NodeSettings.WorkerRole));

    /// <summary>Fails when a worker that holds shards is no longer an up member: its shards' state went with it.</summary>
    public void EnsurePlacementAlive(ChainState chain)
    {
        if (!chain.Loaded) return;
        var up = UpWorkers.Select(m => m.Address.ToString()).ToHashSet();
        foreach (string worker in chain.Workers)
        {
            if (up.Contains(worker)) continue;
            int[] lost = Enumerable.Range(0, chain.Placement.Length).Where(s => chain.Placement[s] == worker).ToArray();
            throw new ClusterRequestException(Grpc.Core.StatusCode.FailedPrecondition,
                $"worker {worker} left the cluster with {lost.Length} shards ({string.Join(", ", lost.Take(8))}{(lost.Length > 8 ? ", …" : "")}); their state is gone: load the state again");
        }
    }

    /// <summary>
    /// Waits until enough workers are up and their shard regions are registered with the sharding
    /// coordinator (placement is decided once, at load, so a worker not yet registered would get no
    /// shards), and until the cluster has settled after a lost worker: no worker unreachable or on its
    /// way out, and no shard region left of a worker that is gone. The sharding coordinator keeps a lost
    /// worker's region, and names it as its shards' home, for down-removal-margin after the worker is
    /// removed; a shard loaded then would be sent to the dead region and never answer.
    /// </summary>
    public async Task WaitForWorkersAsync()
    {
        var deadline = DateTime.UtcNow + waitTimeout;
        while (true)
        {
            ClusterEvent.CurrentClusterState state = Akka.Cluster.Cluster.Get(system).State;
            var up = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(NodeSettings.WorkerRole) && !state.Unreachable.Contains(m))
                .Select(m => m.Address).ToHashSet();
            var unsettled = state.Members.Where(m => m.HasRole(NodeSettings.WorkerRole) &&
                    (state.Unreachable.Contains(m) || m.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down))
                .Select(m => $"{m.Address} {(state.Unreachable.Contains(m) ? "unreachable" : m.Status.ToString())}").ToList();
            int registered = 0;
            var stale = new List<Address>();
            if (up.Count >= minWorkers && unsettled.Count == 0)
            {
                try
                {
                    var regions = (await shardRegion.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(5))).Regions;
                    stale = regions.Where(r => !up.Contains(r)).ToList();
                    registered = regions.Count - stale.Count;
                }
                catch (AskTimeoutException)
                {
                }
                if (registered >= minWorkers && stale.Count == 0) return;
            }
            if (DateTime.UtcNow > deadline)
                throw new ClusterRequestException(Grpc.Core.StatusCode.Unavailable,
                    $"{up.Count} of the {minWorkers} required workers are up ({registered} hosting shards) after {waitTimeout.TotalSeconds:0} s" +
                    (unsettled.Count > 0 ? $"; not settled: {string.Join(", ", unsettled)}" : "") +
                    (stale.Count > 0 ? $"; shard regions of workers that are gone: {string.Join(", ", stale)}" : ""));
            await Task.Delay(200);
        }
    }

    public ClusterStatus Status(ChainState chain)
    {
        var status = new ClusterStatus
        {
            StateLoaded = chain.Loaded, LastBlockNumber = chain.LastNumber < 0 ? 0 : (ulong)chain.LastNumber,
            LastBlockHash = Values.Bytes(chain.LastHash), StateRoot = Values.Bytes(chain.StateRoot), BlocksExecuted = (ulong)chain.BlocksExecuted,
        };
        foreach (Member member in Akka.Cluster.Cluster.Get(system).State.Members)
        {
            string address = member.Address.ToString();
            status.Members.Add(new ClusterMember
            {
                Address = address, Roles = { member.Roles }, Status = member.Status.ToString(),
                Shards = (uint)chain.Placement.Count(p => p == address),
            });
        }
        if (chain.Loaded) status.ShardPlacement.AddRange(chain.Placement.Select(p => p ?? ""));
        return status;
    }
}
