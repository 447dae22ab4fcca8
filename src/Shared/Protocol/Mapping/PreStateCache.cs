using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// Values of the pre-block state seen during one block, from any thread. The pre-block state does not
/// change while the block runs, so a value once known is known for the whole block. Shard replies fill
/// it; the coordinator also learns from the workers' reads that saw pre-block values.
/// </summary>
public sealed class PreStateCache
{
    public ConcurrentDictionary<Address, AccountRecord?> Accounts { get; } = new();
    public ConcurrentDictionary<StorageCell, UInt256> Storage { get; } = new();
    public ConcurrentDictionary<Address, bool> StoragePresence { get; } = new();

    public void Remember(KeyValues values)
    {
        foreach (AccountValue value in values.Accounts)
        {
            AccountRecord? record = StateMapping.FromProto(value, out Address address);
            Accounts[address] = record;
        }
        foreach (StorageValue value in values.Storage)
        {
            StorageCell cell = StateMapping.FromProto(value, out UInt256 word);
            Storage[cell] = word;
        }
        foreach (PresenceValue value in values.StoragePresence)
            StoragePresence[Values.ToAddress(value.Address, "storage_presence.address")] = value.HasStorage;
    }
}
