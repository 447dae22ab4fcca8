using EvmCluster.Evm.Core;
using EvmCluster.Execution.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>A block's final writes, split into one <see cref="StageWrites"/> per owning shard.</summary>
public static class ShardWrites
{
    public static Dictionary<int, StageWrites> Split(BlockState writes, ulong epoch, Hash256 blockHash)
    {
        var byShard = new Dictionary<int, StageWrites>();
        StageWrites For(Address address)
        {
            int shard = ShardKeys.ShardOf(address);
            if (!byShard.TryGetValue(shard, out StageWrites? message))
                byShard[shard] = message = new StageWrites { Shard = (uint)shard, Epoch = epoch, BlockHash = Values.Bytes(blockHash) };
            return message;
        }
        foreach (Address address in writes.StorageCleared) For(address).StorageCleared.Add(Values.Bytes(address));
        foreach (var (address, slots) in writes.Storage) For(address).Storage.Add(StateMapping.ToProto(address, slots));
        foreach (var (address, record) in writes.Accounts) For(address).Accounts.Add(StateMapping.AccountValue(address, record));
        return byShard;
    }

    /// <summary>How much staging <paramref name="message"/> costs its shard, roughly: the writes it carries.</summary>
    public static int Size(StageWrites message) => message.Accounts.Count + message.StorageCleared.Count + message.Storage.Sum(s => s.Slots.Length / 32);
}
