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
/// owning shard, at the node that placement names (<paramref name="nodeOf"/>). Code comes from the coordinator's own copy.
/// </summary>
public sealed class CoordinatorPreState(ShardGateway gateway, ulong epoch, IReadOnlyDictionary<Hash256, byte[]> code, Func<int, string> nodeOf, TraceContext? trace) : IStateReader
{
    private readonly PreStateCache _cache = new();
    private long _fetches;

    public long Fetches => Interlocked.Read(ref _fetches);

    /// <summary>Pre-block values known so far (from the workers' reads and the coordinator's own fetches).</summary>
    public PreStateCache Known => _cache;

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (!_cache.Accounts.TryGetValue(address, out AccountRecord? value))
        {
            Fetch(address, new ReadKeys { Accounts = { Values.Bytes(address) } });
            value = _cache.Accounts[address];
        }
        account = value.GetValueOrDefault();
        return value.HasValue;
    }

    public UInt256 GetStorage(Address address, in UInt256 slot)
    {
        var cell = new StorageCell(address, slot);
        if (_cache.Storage.TryGetValue(cell, out UInt256 value)) return value;
        Fetch(address, new ReadKeys { Storage = { StateMapping.StorageKey(cell) } });
        return _cache.Storage[cell];
    }

    public byte[] GetCode(in Hash256 codeHash) =>
        code.TryGetValue(codeHash, out byte[]? bytes) ? bytes : throw new InvalidOperationException($"code {codeHash} is unknown to the coordinator");

    public bool HasStorage(Address address)
    {
        if (_cache.StoragePresence.TryGetValue(address, out bool value)) return value;
        Fetch(address, new ReadKeys { StoragePresence = { Values.Bytes(address) } });
        return _cache.StoragePresence[address];
    }

    private void Fetch(Address address, ReadKeys request)
    {
        request.Shard = (uint)ShardKeys.ShardOf(address);
        request.Epoch = epoch;
        request.Trace = trace;
        Interlocked.Increment(ref _fetches);
        // Called on the validating thread, never an actor's.
        _cache.Remember(gateway.AskPlaced<KeyValues>(request, nodeOf, trace).GetAwaiter().GetResult());
    }
}
