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
/// through <see cref="IRemoteShards"/> from the node the batch's placement names (<paramref name="nodeOf"/>;
/// prefetched in bulk, else fetched on demand). The pre-block
/// state does not change during the block, so every value is cached, and the cache is also the record
/// of what was read, returned to the coordinator as truths it may reuse.
/// </summary>
public sealed class ShardedPreState(LocalNode node, ulong epoch, IRemoteShards remote, Func<int, string?> nodeOf, TraceContext? trace) : IStateReader
{
    private readonly PreStateCache _cache = new();
    // A contract's slots all live in its account's shard: one keccak per address, not per slot read.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Address, int> _shards = new();
    private long _remoteReads;

    /// <summary>Reads that missed the prefetch and went to another shard on demand.</summary>
    public long RemoteReads => Interlocked.Read(ref _remoteReads);

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (!_cache.Accounts.TryGetValue(address, out AccountRecord? value))
        {
            int shard = ShardOf(address);
            if (Local(shard) is { } state) value = state.Flat.TryGetAccount(address, out AccountRecord found) ? found : null;
            else
            {
                Fetch(shard, new ReadKeys { Accounts = { Values.Bytes(address) } });
                value = _cache.Accounts[address];
            }
            _cache.Accounts[address] = value;
        }
        account = value.GetValueOrDefault();
        return value.HasValue;
    }

    public UInt256 GetStorage(Address address, in UInt256 slot)
    {
        var cell = new StorageCell(address, slot);
        if (_cache.Storage.TryGetValue(cell, out UInt256 value)) return value;
        int shard = ShardOf(address);
        if (Local(shard) is { } state) value = state.Flat.GetStorage(address, slot);
        else
        {
            Fetch(shard, new ReadKeys { Storage = { StateMapping.StorageKey(cell) } });
            value = _cache.Storage[cell];
        }
        _cache.Storage[cell] = value;
        return value;
    }

    public byte[] GetCode(in Hash256 codeHash) =>
        node.Code.TryGetValue(codeHash, out byte[]? code) ? code : throw new InvalidOperationException($"code {codeHash} is not on this worker");

    public bool HasStorage(Address address)
    {
        if (_cache.StoragePresence.TryGetValue(address, out bool value)) return value;
        int shard = ShardOf(address);
        if (Local(shard) is { } state) value = state.Flat.HasStorage(address);
        else
        {
            Fetch(shard, new ReadKeys { StoragePresence = { Values.Bytes(address) } });
            value = _cache.StoragePresence[address];
        }
        _cache.StoragePresence[address] = value;
        return value;
    }

    /// <summary>Fetches predicted keys of other shards: one bundle per node hosting them.</summary>
    public async Task PrefetchAsync(IEnumerable<Address> accounts, IEnumerable<StorageCell> storage)
    {
        var requests = new Dictionary<int, ReadKeys>();
        ReadKeys For(int shard) => requests.TryGetValue(shard, out ReadKeys? r) ? r : requests[shard] = new ReadKeys { Shard = (uint)shard, Epoch = epoch, Trace = trace };
        foreach (Address address in accounts.Distinct())
        {
            int shard = ShardOf(address);
            if (Local(shard) is null) For(shard).Accounts.Add(Values.Bytes(address));
        }
        foreach (StorageCell cell in storage.Distinct())
        {
            int shard = ShardOf(cell.Address);
            if (Local(shard) is null) For(shard).Storage.Add(StateMapping.StorageKey(cell));
        }
        var bundles = ShardBundles.ByNode(requests.Values, NodeOf, trace).Select(b => remote.ReadBundleAsync(b.Key, b.Value)).ToList();
        foreach (KeyValues[] replies in await Task.WhenAll(bundles))
            foreach (KeyValues reply in replies) Remember(reply);
    }

    /// <summary>Everything read from the pre-block state.</summary>
    public PreStateCache Known => _cache;

    private int ShardOf(Address address) => _shards.GetOrAdd(address, ShardKeys.ShardOf);

    private ShardState? Local(int shard) =>
        node.Shards.TryGetValue(shard, out var hosted) && hosted.Epoch == epoch ? hosted.State : null;

    private void Fetch(int shard, ReadKeys request)
    {
        request.Shard = (uint)shard;
        request.Epoch = epoch;
        request.Trace = trace;
        // Runs on an executor thread, never an actor's: blocking here stalls only this transaction.
        Interlocked.Increment(ref _remoteReads);
        var bundle = new ShardBundle { Trace = trace };
        bundle.Requests.Add(ShardBundles.Wrap(request));
        Remember(remote.ReadBundleAsync(NodeOf(shard), bundle).GetAwaiter().GetResult()[0]);
    }

    private string NodeOf(int shard) =>
        nodeOf(shard) ?? throw new InvalidOperationException($"shard {shard} has no node in the batch's placement; load the state again");

    private void Remember(KeyValues reply) => _cache.Remember(reply);
}

/// <summary>Reads of shards hosted elsewhere, as a bundle through the hosting node.</summary>
public interface IRemoteShards
{
    /// <summary>The replies to a bundle of <see cref="ReadKeys"/> sent to <paramref name="node"/>, in request order.</summary>
    Task<KeyValues[]> ReadBundleAsync(string node, ShardBundle bundle);
}
