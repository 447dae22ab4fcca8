using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Execution;
using EvmCluster.Worker.Shards;
using static EvmCluster.Worker.Tests.ShardFixtures;

namespace EvmCluster.Worker.Tests;

public sealed class ShardedPreStateTests
{
    private const ulong Epoch = 5;
    private const int LocalShard = 0x11, StaleShard = 0x22, ShardA1 = 0x31, ShardA2 = 0x32, ShardB = 0x41, UnknownShard = 0x51;
    private const string NodeA = "node-a", NodeB = "node-b";

    /// <summary>Answers bundles from a state, recording every request.</summary>
    private sealed class FakeRemote(InMemoryState state) : IRemoteShards
    {
        public List<(string Node, ShardBundle Bundle)> Calls { get; } = [];

        public Task<KeyValues[]> ReadBundleAsync(string node, ShardBundle bundle)
        {
            lock (Calls) Calls.Add((node, bundle.Clone()));
            return Task.FromResult(bundle.Requests.Select(r => Answer(r.Read)).ToArray());
        }

        private KeyValues Answer(ReadKeys read)
        {
            var reply = new KeyValues { Shard = read.Shard };
            foreach (var bytes in read.Accounts)
            {
                Address address = Values.ToAddress(bytes, "account");
                reply.Accounts.Add(StateMapping.AccountValue(address, state.TryGetAccount(address, out AccountRecord record) ? record : null));
            }
            foreach (StorageKey key in read.Storage)
            {
                StorageCell cell = StateMapping.FromProto(key);
                reply.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, state.GetStorage(cell.Address, cell.Slot)));
            }
            foreach (var bytes in read.StoragePresence)
                reply.StoragePresence.Add(new PresenceValue { Address = bytes, HasStorage = state.HasStorage(Values.ToAddress(bytes, "presence")) });
            return reply;
        }
    }

    private readonly Random _rng = new(11);
    private readonly LocalNode _node = new();
    private readonly InMemoryState _remoteState = new();
    private readonly FakeRemote _remote;

    // Local: an account with storage and one absent. Remote: an account with storage on each node, one absent.
    private readonly Address _local, _localAbsent, _remoteA, _remoteAbsent, _remoteB, _stale, _unknown;
    private readonly UInt256 _slot = new(1), _emptySlot = new(2);
    private readonly UInt256 _localValue, _remoteValue;

    public ShardedPreStateTests()
    {
        List<Address> local = AddressesOf(LocalShard, 2, _rng);
        (_local, _localAbsent) = (local[0], local[1]);
        _remoteA = AddressesOf(ShardA1, 1, _rng)[0];
        _remoteAbsent = AddressesOf(ShardA2, 1, _rng)[0];
        _remoteB = AddressesOf(ShardB, 1, _rng)[0];
        _stale = AddressesOf(StaleShard, 1, _rng)[0];
        _unknown = AddressesOf(UnknownShard, 1, _rng)[0];
        _localValue = RandomWord(_rng);
        _remoteValue = RandomWord(_rng);

        var localSource = new InMemoryState();
        localSource.SetAccount(_local, RandomAccount(_rng));
        localSource.SetStorage(_local, _slot, _localValue);
        var localShard = new ShardState(LocalShard);
        localShard.Load([_local], localSource);
        _node.Shards[LocalShard] = (Epoch, localShard);

        // A shard this node held in an earlier epoch: its values are out of date.
        var staleSource = new InMemoryState();
        staleSource.SetAccount(_stale, RandomAccount(_rng));
        var stale = new ShardState(StaleShard);
        stale.Load([_stale], staleSource);
        _node.Shards[StaleShard] = (Epoch - 1, stale);

        _remoteState.SetAccount(_remoteA, RandomAccount(_rng));
        _remoteState.SetStorage(_remoteA, _slot, _remoteValue);
        _remoteState.SetAccount(_remoteB, RandomAccount(_rng));
        _remoteState.SetStorage(_remoteB, _slot, RandomWord(_rng));
        _remoteState.SetAccount(_stale, RandomAccount(_rng));
        _remoteState.SetStorage(_stale, _slot, RandomWord(_rng));
        _remote = new FakeRemote(_remoteState);
    }

    private static string? NodeOf(int shard) => shard switch
    {
        ShardA1 or ShardA2 => NodeA,
        ShardB or StaleShard or LocalShard => NodeB,
        _ => null,
    };

    private ShardedPreState PreState() => new(_node, Epoch, _remote, NodeOf, null);

    private static ReadKeys Only(ShardBundle bundle) => Assert.Single(bundle.Requests).Read;

    [Fact]
    public void Local_reads_never_call_the_remote()
    {
        ShardedPreState pre = PreState();

        Assert.True(pre.TryGetAccount(_local, out AccountRecord record));
        Assert.Equal(_node.Shards[LocalShard].State.Flat.Accounts[_local], record);
        Assert.False(pre.TryGetAccount(_localAbsent, out _));
        Assert.Equal(_localValue, pre.GetStorage(_local, _slot));
        Assert.Equal(UInt256.Zero, pre.GetStorage(_local, _emptySlot));
        Assert.True(pre.HasStorage(_local));
        Assert.False(pre.HasStorage(_localAbsent));

        Assert.Empty(_remote.Calls);
        Assert.Equal(0, pre.RemoteReads);
    }

    [Fact]
    public void Remote_reads_call_once_per_key_and_are_cached()
    {
        ShardedPreState pre = PreState();

        for (int i = 0; i < 2; i++) Assert.True(pre.TryGetAccount(_remoteA, out _));
        Assert.Single(_remote.Calls);
        for (int i = 0; i < 2; i++) Assert.Equal(_remoteValue, pre.GetStorage(_remoteA, _slot));
        Assert.Equal(2, _remote.Calls.Count);
        for (int i = 0; i < 2; i++) Assert.Equal(UInt256.Zero, pre.GetStorage(_remoteA, _emptySlot));
        Assert.Equal(3, _remote.Calls.Count);
        for (int i = 0; i < 2; i++) Assert.True(pre.HasStorage(_remoteA));
        Assert.Equal(4, _remote.Calls.Count);
        for (int i = 0; i < 2; i++) Assert.False(pre.TryGetAccount(_remoteAbsent, out _));
        Assert.Equal(5, _remote.Calls.Count);
        Assert.Equal(5, pre.RemoteReads);

        Assert.All(_remote.Calls.Take(4), call => Assert.Equal(NodeA, call.Node));
        ReadKeys account = Only(_remote.Calls[0].Bundle), slot = Only(_remote.Calls[1].Bundle), presence = Only(_remote.Calls[3].Bundle);
        Assert.All(_remote.Calls.Select(c => Only(c.Bundle)), r => Assert.Equal(Epoch, r.Epoch));
        Assert.Equal((uint)ShardA1, account.Shard);
        Assert.Equal(Values.Bytes(_remoteA), Assert.Single(account.Accounts));
        Assert.Empty(account.Storage);
        Assert.Equal(StateMapping.StorageKey(new StorageCell(_remoteA, _slot)), Assert.Single(slot.Storage));
        Assert.Empty(slot.Accounts);
        Assert.Equal(Values.Bytes(_remoteA), Assert.Single(presence.StoragePresence));
        Assert.Equal((uint)ShardA2, Only(_remote.Calls[4].Bundle).Shard);
    }

    [Fact]
    public async Task Prefetch_sends_one_bundle_per_node_with_only_other_shards_keys()
    {
        ShardedPreState pre = PreState();
        Address[] accounts = [_local, _remoteA, _remoteAbsent, _remoteB, _localAbsent, _remoteA];
        StorageCell[] storage = [new(_local, _slot), new(_remoteA, _slot), new(_remoteA, _emptySlot), new(_remoteB, _slot), new(_remoteA, _slot)];

        await pre.PrefetchAsync(accounts, storage);

        Assert.Equal(2, _remote.Calls.Count);
        ShardBundle a = Assert.Single(_remote.Calls, c => c.Node == NodeA).Bundle, b = Assert.Single(_remote.Calls, c => c.Node == NodeB).Bundle;
        Assert.Equal(new uint[] { ShardA1, ShardA2 }, a.Requests.Select(r => r.Read.Shard).Order());
        ReadKeys a1 = a.Requests.Single(r => r.Read.Shard == ShardA1).Read, a2 = a.Requests.Single(r => r.Read.Shard == ShardA2).Read;
        Assert.Equal(Values.Bytes(_remoteA), Assert.Single(a1.Accounts));
        Assert.Equal(
            [StateMapping.StorageKey(new StorageCell(_remoteA, _slot)), StateMapping.StorageKey(new StorageCell(_remoteA, _emptySlot))],
            a1.Storage);
        Assert.Equal(Values.Bytes(_remoteAbsent), Assert.Single(a2.Accounts));
        Assert.Empty(a2.Storage);
        ReadKeys b1 = Only(b);
        Assert.Equal((uint)ShardB, b1.Shard);
        Assert.Equal(Values.Bytes(_remoteB), Assert.Single(b1.Accounts));
        Assert.Equal(StateMapping.StorageKey(new StorageCell(_remoteB, _slot)), Assert.Single(b1.Storage));
        Assert.All(new[] { a1, a2, b1 }, r => Assert.Equal(Epoch, r.Epoch));

        // Everything prefetched (and everything local) is now read without a call.
        foreach (Address address in accounts) pre.TryGetAccount(address, out _);
        foreach (StorageCell cell in storage) pre.GetStorage(cell.Address, cell.Slot);
        Assert.Equal(2, _remote.Calls.Count);
        Assert.Equal(0, pre.RemoteReads);
        Assert.False(pre.TryGetAccount(_remoteAbsent, out _));
        Assert.Equal(_remoteValue, pre.GetStorage(_remoteA, _slot));
        Assert.Equal(UInt256.Zero, pre.GetStorage(_remoteA, _emptySlot));
    }

    [Fact]
    public void Known_holds_every_pre_block_value_read()
    {
        ShardedPreState pre = PreState();
        foreach (Address address in new[] { _local, _localAbsent, _remoteA, _remoteAbsent }) pre.TryGetAccount(address, out _);
        pre.GetStorage(_local, _slot);
        pre.GetStorage(_local, _emptySlot);
        pre.GetStorage(_remoteA, _slot);
        pre.GetStorage(_remoteA, _emptySlot);
        pre.HasStorage(_local);
        pre.HasStorage(_remoteAbsent);

        var known = pre.Known;
        Assert.Equal(4, known.Accounts.Count);
        Assert.Equal(_node.Shards[LocalShard].State.Flat.Accounts[_local], known.Accounts[_local]);
        Assert.Equal(_remoteState.Accounts[_remoteA], known.Accounts[_remoteA]);
        Assert.Null(known.Accounts[_localAbsent]);
        Assert.Null(known.Accounts[_remoteAbsent]);
        Assert.Equal(4, known.Storage.Count);
        Assert.Equal(_localValue, known.Storage[new StorageCell(_local, _slot)]);
        Assert.Equal(UInt256.Zero, known.Storage[new StorageCell(_local, _emptySlot)]);
        Assert.Equal(_remoteValue, known.Storage[new StorageCell(_remoteA, _slot)]);
        Assert.Equal(UInt256.Zero, known.Storage[new StorageCell(_remoteA, _emptySlot)]);
        Assert.Equal(2, known.StoragePresence.Count);
        Assert.True(known.StoragePresence[_local]);
        Assert.False(known.StoragePresence[_remoteAbsent]);
    }

    [Fact]
    public async Task A_shard_without_a_node_raises_an_error_naming_it()
    {
        ShardedPreState pre = PreState();

        var read = Assert.Throws<InvalidOperationException>(() => pre.TryGetAccount(_unknown, out _));
        var slot = Assert.Throws<InvalidOperationException>(() => pre.GetStorage(_unknown, _slot));
        var prefetch = await Assert.ThrowsAsync<InvalidOperationException>(() => pre.PrefetchAsync([_remoteA, _unknown], []));

        Assert.All(new[] { read, slot, prefetch }, e => Assert.Contains($"shard {UnknownShard} ", e.Message));
        Assert.Empty(_remote.Calls);
    }

    [Fact]
    public async Task A_local_shard_of_another_epoch_is_read_remotely()
    {
        ShardedPreState pre = PreState();

        Assert.True(pre.TryGetAccount(_stale, out AccountRecord record));
        Assert.Equal(_remoteState.Accounts[_stale], record);
        Assert.NotEqual(_node.Shards[StaleShard].State.Flat.Accounts[_stale], record);
        Assert.Equal(_remoteState.GetStorage(_stale, _slot), pre.GetStorage(_stale, _slot));
        Assert.True(pre.HasStorage(_stale));
        Assert.Equal(3, _remote.Calls.Count);
        Assert.All(_remote.Calls, c => Assert.Equal(NodeB, c.Node));
        Assert.All(_remote.Calls, c => Assert.Equal((uint)StaleShard, Only(c.Bundle).Shard));

        var other = PreState();
        await other.PrefetchAsync([_stale, _local], [new StorageCell(_stale, _emptySlot)]);
        ReadKeys request = Only(_remote.Calls[3].Bundle);
        Assert.Equal((uint)StaleShard, request.Shard);
        Assert.Equal(Values.Bytes(_stale), Assert.Single(request.Accounts));
        Assert.Single(request.Storage);
    }
}
