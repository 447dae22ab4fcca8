using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// Values of the pre-block state seen during one block, from any thread. The pre-block state does not
/// change while the block runs, so a value once known is known for the whole block; the cache travels
/// as <see cref="KeyValues"/> both ways (shard replies in, a batch's reads out to the coordinator).
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

    public KeyValues Snapshot()
    {
        var values = new KeyValues();
        foreach (var (address, record) in Accounts) values.Accounts.Add(StateMapping.AccountValue(address, record));
        foreach (var (cell, value) in Storage) values.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, value));
        foreach (var (address, has) in StoragePresence) values.StoragePresence.Add(new PresenceValue { Address = Values.Bytes(address), HasStorage = has });
        return values;
    }
}
