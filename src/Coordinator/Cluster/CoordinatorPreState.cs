using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// The pre-block state at the coordinator while it validates and repairs: the values workers report
/// having read (truths: the pre-block state does not change during the block), else a fetch from the
/// owning shard. Code comes from the coordinator's own copy.
/// </summary>
public sealed class CoordinatorPreState(ShardGateway gateway, ulong epoch, IReadOnlyDictionary<Hash256, byte[]> code) : IStateReader
{
    private readonly ConcurrentDictionary<Address, AccountRecord?> _accounts = new();
    private readonly ConcurrentDictionary<StorageCell, UInt256> _storage = new();
    private readonly ConcurrentDictionary<Address, bool> _presence = new();
    private long _fetches;

    public long Fetches => Interlocked.Read(ref _fetches);

    public void Remember(KeyValues values)
    {
        foreach (AccountValue value in values.Accounts)
        {
            AccountRecord? record = StateMapping.FromProto(value, out Address address);
            _accounts[address] = record;
        }
        foreach (StorageValue value in values.Storage)
        {
            StorageCell cell = StateMapping.FromProto(value, out UInt256 word);
            _storage[cell] = word;
        }
        foreach (PresenceValue value in values.StoragePresence) _presence[Values.ToAddress(value.Address, "presence.address")] = value.HasStorage;
    }

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (!_accounts.TryGetValue(address, out AccountRecord? value))
        {
            Fetch(address, new ReadKeys { Accounts = { Values.Bytes(address) } });
            value = _accounts[address];
        }
        account = value.GetValueOrDefault();
        return value.HasValue;
    }

    public UInt256 GetStorage(Address address, in UInt256 slot)
    {
        var cell = new StorageCell(address, slot);
        if (_storage.TryGetValue(cell, out UInt256 value)) return value;
        Fetch(address, new ReadKeys { Storage = { StateMapping.StorageKey(cell) } });
        return _storage[cell];
    }

    public byte[] GetCode(in Hash256 codeHash) =>
        code.TryGetValue(codeHash, out byte[]? bytes) ? bytes : throw new InvalidOperationException($"code {codeHash} is unknown to the coordinator");

    public bool HasStorage(Address address)
    {
        if (_presence.TryGetValue(address, out bool value)) return value;
        Fetch(address, new ReadKeys { StoragePresence = { Values.Bytes(address) } });
        return _presence[address];
    }

    private void Fetch(Address address, ReadKeys request)
    {
        request.Shard = (uint)ShardKeys.ShardOf(address);
        request.Epoch = epoch;
        Interlocked.Increment(ref _fetches);
        // Called on the validating thread, never an actor's.
        Remember(gateway.AskShard<KeyValues>(request).GetAwaiter().GetResult());
    }
}
