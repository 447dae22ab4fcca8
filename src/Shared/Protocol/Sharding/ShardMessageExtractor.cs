using Akka.Cluster.Sharding;

namespace EvmCluster.Protocol.Sharding;

/// <summary>One entity per virtual shard, in its own Akka shard, so the allocation strategy places each virtual shard.</summary>
public sealed class ShardMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message is IShardMessage m ? ShardKeys.EntityId((int)m.Shard) : null;
    public object? EntityMessage(object message) => message;
    public string? ShardId(object message) => message is IShardMessage m ? ShardKeys.EntityId((int)m.Shard) : null;
    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
