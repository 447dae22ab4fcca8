using Akka.Actor;
using Akka.Cluster.Sharding;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Execution;
using EvmCluster.Worker.Shards;

namespace EvmCluster.Worker.Hosting;

/// <summary>
/// A worker node: an actor system with role "worker" hosting state-shard entities and the node actor
/// that runs batches. Several can live in one process (the coordinator's embedded workers).
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(ActorSystem system, IActorRef region)
    {
        System = system;
        Region = region;
    }

    public ActorSystem System { get; }
    public IActorRef Region { get; }
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    public static WorkerHost Start(NodeSettings settings)
    {
        var system = ActorSystem.Create(NodeSettings.SystemName, settings.ToConfig());
        var node = new LocalNode();
        IActorRef region = ClusterSharding.Get(system).Start(
            NodeSettings.ShardTypeName,
            Props.Create(() => new ShardEntity(node)),
            ClusterShardingSettings.Create(system).WithRole(NodeSettings.WorkerRole),
            new ShardMessageExtractor(),
            new FixedPlacementStrategy(),
            PoisonPill.Instance);
        system.ActorOf(Props.Create(() => new WorkerNodeActor(node, new NodeReads(system))), WorkerNodeActor.Name);
        return new WorkerHost(system, region);
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }

    /// <summary>
    /// Remote shard reads from the node that placement names (never through the shard region, whose
    /// sharding coordinator could start a shard it does not know of elsewhere, empty), with a clear
    /// error when a shard refuses.
    /// </summary>
    private sealed class NodeReads(ActorSystem system) : IRemoteShards
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        public async Task<KeyValues[]> ReadBundleAsync(string node, ShardBundle bundle)
        {
            object reply = await system.ActorSelection($"{node}/user/{WorkerNodeActor.Name}").Ask<object>(bundle, Timeout);
            return reply is ShardBundleReply replies
                ? ShardBundles.Unpack<KeyValues>(node, bundle, replies)
                : throw new InvalidOperationException($"worker {node}: unexpected reply {reply.GetType().Name} to a shard bundle");
        }
    }
}
