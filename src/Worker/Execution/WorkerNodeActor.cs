using Akka.Actor;
using Akka.Cluster;
using EvmCluster.Evm.Crypto;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Shards;

namespace EvmCluster.Worker.Execution;

/// <summary>
/// The node-level actor at /user/worker: takes the coordinator's batches and code, and bundles of shard
/// requests, which it hands to the shard entities running on this node. A bundle is sent here because
/// placement names this node: a request for a shard not running here is refused, never passed on
/// through sharding (which could start the shard elsewhere, empty). Batches and bundles run off the
/// actor and the reply is piped back, so the node stays responsive. When a state load is complete the
/// node compacts its heap here, before it replies (the coordinator waits for that before any block).
/// </summary>
public sealed class WorkerNodeActor : ReceiveActor
{
    public const string Name = "worker";

    private static readonly TimeSpan ShardTimeout = TimeSpan.FromSeconds(60);

    public WorkerNodeActor(LocalNode node, IRemoteShards remote)
    {
        string address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<StoreCode>(m =>
        {
            if (m.Reset || m.Epoch != node.CodeEpoch)
            {
                if (m.Reset) node.Code.Clear();
                node.CodeEpoch = m.Epoch;
            }
            foreach (var code in m.Code)
            {
                byte[] bytes = code.ToByteArray();
                node.Code[Keccak256.Compute(bytes)] = bytes;
            }
            Sender.Tell(new CodeStored { Node = address, Codes = (ulong)node.Code.Count });
        });
        Receive<LoadCompleted>(m =>
        {
            using var span = ClusterTelemetry.StartChild("worker.load_completed", m.Trace);
            HeapCompaction.AfterLoad(m.Epoch);
            Sender.Tell(new LoadSettled { Node = address });
        });
        Receive<ExecuteBatchFrame>(m => BatchRunner.RunFrameAsync(m, node, remote, address).PipeTo(Sender));
        Receive<ShardBundle>(m => ShardBundles.ForwardAsync(m, shardMessage => AskHosted(node, address, shardMessage)).PipeTo(Sender));
    }

    private static Task<object> AskHosted(LocalNode node, string address, IShardMessage message) =>
        node.Entities.TryGetValue((int)message.Shard, out IActorRef? entity)
            ? entity.Ask<object>(message, ShardTimeout)
            : Task.FromResult<object>(new ShardFailure
            {
                Shard = message.Shard,
                Message = $"shard {message.Shard} is not on {address}, where its placement says it is: its worker was restarted or the shard moved; load the state again",
            });
}
