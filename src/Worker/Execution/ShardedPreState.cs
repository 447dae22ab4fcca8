using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Shards;

namespace EvmCluster.Worker.Execution;

/// <summary>
/// The pre-block state as a batch sees it: shards hosted on this node are read in place, others
/// through <see cref="IRemoteShards"/> (prefetched in bulk, else fetched on demand). The pre-block
/// state does not change during the block, so every value is cached, and the cache is also the record
/// of what was read, returned to the coordinator as truths it may reuse.
/// </summary>
public sealed class ShardedPreState(LocalNode node, ulong epoch, IRemoteShards remote) : IStateReader
{
    private readonly ConcurrentDictionary<Address, AccountRecord?> _accounts = new();
    private readonly ConcurrentDictionary<StorageCell, UInt256> _storage = new();
    private readonly ConcurrentDictionary<Address, bool> _presence = new();
    private long _remoteReads;

    /// <summary>Reads that missed the prefetch and went to another shard on demand.</summary>
    public long RemoteReads => Interlocked.Read(ref _remoteReads);

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (!_accounts.TryGetValue(address, out AccountRecord? value))
        {
            int shard = ShardKeys.ShardOf(address);
            if (Local(shard) is { } state) value = state.Flat.TryGetAccount(address, out AccountRecord found) ? found : null;
            else
            {
                Fetch(shard, new ReadKeys { Accounts = { Values.Bytes(address) } });
                value = _accounts[address];
            }
            _accounts[address] = value;
        }
        account = value.GetValueOrDefault();
        return value.HasValue;
    }

    public UInt256 GetStorage(Address address, in UInt256 slot)
    {
        var cell = new StorageCell(address, slot);
        if (_storage.TryGetValue(cell, out UInt256 value)) return value;
        int shard = ShardKeys.ShardOf(address);
        if (Local(shard) is { } state) value = state.Flat.GetStorage(address, slot);
        else
        {
            Fetch(shard, new ReadKeys { Storage = { StateMapping.StorageKey(cell) } });
            value = _storage[cell];
        }
        _storage[cell] = value;
        return value;
    }

    public byte[] GetCode(in Hash256 codeHash) =>
        node.Code.TryGetValue(codeHash, out byte[]? code) ? code : throw new InvalidOperationException($"code {codeHash} is not on this worker");

    public bool HasStorage(Address address)
    {
        if (_presence.TryGetValue(address, out bool value)) return value;
        int shard = ShardKeys.ShardOf(address);
        if (Local(shard) is { } state) value = state.Flat.HasStorage(address);
        else
        {
            Fetch(shard, new ReadKeys { StoragePresence = { Values.Bytes(address) } });
            value = _presence[address];
        }
        _presence[address] = value;
        return value;
    }

    /// <summary>Fetches predicted keys of other shards in one message per shard.</summary>
    public async Task PrefetchAsync(IEnumerable<Address> accounts, IEnumerable<StorageCell> storage)
    {
        var requests = new Dictionary<int, ReadKeys>();
        ReadKeys For(int shard) => requests.TryGetValue(shard, out ReadKeys? r) ? r : requests[shard] = new ReadKeys { Shard = (uint)shard, Epoch = epoch };
        foreach (Address address in accounts.Distinct())
        {
            int shard = ShardKeys.ShardOf(address);
            if (Local(shard) is null) For(shard).Accounts.Add(Values.Bytes(address));
        }
        foreach (StorageCell cell in storage.Distinct())
        {
            int shard = ShardKeys.ShardOf(cell.Address);
            if (Local(shard) is null) For(shard).Storage.Add(StateMapping.StorageKey(cell));
        }
        KeyValues[] replies = await Task.WhenAll(requests.Values.Select(remote.ReadAsync));
        foreach (KeyValues reply in replies) Remember(reply);
    }

    /// <summary>Everything read from the pre-block state.</summary>
    public KeyValues Snapshot()
    {
        var values = new KeyValues();
        foreach (var (address, record) in _accounts) values.Accounts.Add(StateMapping.AccountValue(address, record));
        foreach (var (cell, value) in _storage) values.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, value));
        foreach (var (address, has) in _presence) values.StoragePresence.Add(new PresenceValue { Address = Values.Bytes(address), HasStorage = has });
        return values;
    }

    private ShardState? Local(int shard) =>
        node.Shards.TryGetValue(shard, out var hosted) && hosted.Epoch == epoch ? hosted.State : null;

    private void Fetch(int shard, ReadKeys request)
    {
        request.Shard = (uint)shard;
        request.Epoch = epoch;
        // Runs on an executor thread, never an actor's: blocking here stalls only this transaction.
        Interlocked.Increment(ref _remoteReads);
        Remember(remote.ReadAsync(request).GetAwaiter().GetResult());
    }

    private void Remember(KeyValues reply)
    {
        foreach (AccountValue value in reply.Accounts)
        {
            AccountRecord? record = StateMapping.FromProto(value, out Address address);
            _accounts[address] = record;
        }
        foreach (StorageValue value in reply.Storage)
        {
            StorageCell cell = StateMapping.FromProto(value, out UInt256 word);
            _storage[cell] = word;
        }
        foreach (PresenceValue value in reply.StoragePresence)
        {
            _presence[Values.ToAddress(value.Address, "presence.address")] = value.HasStorage;
        }
    }
}

/// <summary>Reads of shards hosted elsewhere (through the shard region).</summary>
public interface IRemoteShards
{
    Task<KeyValues> ReadAsync(ReadKeys request);
}
