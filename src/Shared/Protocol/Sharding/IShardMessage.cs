namespace EvmCluster.Protocol.Sharding;

/// <summary>A message for one state shard: sharding routes it by <see cref="Shard"/>.</summary>
public interface IShardMessage
{
    uint Shard { get; }
}
