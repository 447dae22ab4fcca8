using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using EvmCluster.Worker.Shards;
using static EvmCluster.Worker.Tests.ShardFixtures;

namespace EvmCluster.Worker.Tests;

public sealed class ShardStateTests
{
    private const int Shard = 0x3c;

    private readonly Random _rng = new(7);
    private readonly List<Address> _addresses;
    private readonly InMemoryState _genesis;

    public ShardStateTests()
    {
        // 12 accounts in the shard's genesis, 4 more of the shard that do not exist yet.
        _addresses = AddressesOf(Shard, 16, _rng);
        _genesis = Genesis(_addresses.Take(12), _rng);
    }

    private Address Loaded(int i) => _addresses[i];
    private Address Absent(int i) => _addresses[12 + i];

    /// <summary>Index of a loaded account with (even) or without (odd) storage.</summary>
    private Address WithStorage(int i) => _addresses[2 * i];
    private Address WithoutStorage(int i) => _addresses[2 * i + 1];

    private ShardState LoadedShard()
    {
        var shard = new ShardState(Shard);
        shard.Load(_addresses.Take(12), _genesis);
        return shard;
    }

    private static BlockState Storage(BlockState writes, Address address, UInt256 slot, UInt256 value)
    {
        var changes = new StateChanges();
        changes.Storage.Add(new StorageWrite(new StorageCell(address, slot), value));
        writes.Apply(changes);
        return writes;
    }

    private static UInt256 FirstSlot(InMemoryState state, Address address) => state.StorageOf(address).Keys.First();

    /// <summary>Stages <paramref name="writes"/> and checks the subtree against a world state committing the same writes.</summary>
    private static InMemoryState StageAndCheck(ShardState shard, Hash256 block, BlockState writes)
    {
        var (expected, expectedFlat) = Committed(shard.Flat, writes);
        TrieSubtree staged = shard.Stage(block, writes);
        Assert.Equal(expected, staged);
        Assert.Equal(FreshSubtree(expectedFlat), staged);
        AssertRootOf(Shard, staged, expectedFlat);
        Assert.Equal(staged, shard.Subtree());
        return expectedFlat;
    }

    [Fact]
    public void Loaded_shard_has_the_subtree_of_a_world_state_with_the_same_accounts()
    {
        ShardState shard = LoadedShard();

        Assert.Equal(12, shard.AccountCount);
        Assert.Equal(Snapshot(_genesis, _addresses), Snapshot(shard.Flat, _addresses));
        TrieSubtree subtree = shard.Subtree();
        Assert.Equal(FreshSubtree(_genesis), subtree);
        Assert.NotEqual(TrieSubtree.Empty, subtree);
        AssertRootOf(Shard, subtree, _genesis);
    }

    [Fact]
    public void Staged_account_writes_give_the_subtree_of_the_committed_world_state()
    {
        ShardState shard = LoadedShard();
        var writes = new BlockState(shard.Flat);
        writes.SetAccount(Loaded(0), RandomAccount(_rng));
        writes.SetAccount(Loaded(3), RandomAccount(_rng));
        writes.SetAccount(Absent(0), RandomAccount(_rng));

        InMemoryState expected = StageAndCheck(shard, Block(1), writes);

        Assert.True(shard.IsStaged);
        Assert.Equal(13, shard.AccountCount);
        Assert.Equal(Snapshot(expected, _addresses), Snapshot(shard.Flat, _addresses));
    }

    [Fact]
    public void Staged_storage_writes_including_zero_give_the_subtree_of_the_committed_world_state()
    {
        ShardState shard = LoadedShard();
        Address emptied = WithStorage(1);
        var writes = new BlockState(shard.Flat);
        Storage(writes, WithStorage(0), FirstSlot(_genesis, WithStorage(0)), RandomWord(_rng)); // overwrite
        Storage(writes, WithStorage(0), new UInt256(100), RandomWord(_rng));                     // new slot
        Storage(writes, WithStorage(2), FirstSlot(_genesis, WithStorage(2)), UInt256.Zero);      // one slot to zero
        foreach (UInt256 slot in _genesis.StorageOf(emptied).Keys) Storage(writes, emptied, slot, UInt256.Zero); // every slot to zero
        Storage(writes, WithoutStorage(0), new UInt256(5), RandomWord(_rng));                   // first slot of an account

        InMemoryState expected = StageAndCheck(shard, Block(1), writes);

        Assert.Equal(Snapshot(expected, _addresses), Snapshot(shard.Flat, _addresses));
        Assert.False(shard.Flat.HasStorage(emptied));
        Assert.True(shard.Flat.HasStorage(WithoutStorage(0)));
        Assert.Equal(UInt256.Zero, shard.Flat.GetStorage(WithStorage(2), FirstSlot(_genesis, WithStorage(2))));
    }

    [Fact]
    public void Staged_deletions_and_storage_clearing_give_the_subtree_of_the_committed_world_state()
    {
        ShardState shard = LoadedShard();
        var writes = new BlockState(shard.Flat);
        writes.Delete(WithStorage(0));                         // deleted with its storage
        writes.Delete(WithoutStorage(1));                      // deleted, no storage
        var destroyed = new StateChanges();
        destroyed.Accounts.Add(new AccountWrite(WithStorage(1), default, AccountDeletion.Destroyed));
        writes.Apply(destroyed);                               // deleted through a transaction's writes
        writes.Delete(WithStorage(2));                         // storage cleared, account kept with a new slot
        writes.SetAccount(WithStorage(2), RandomAccount(_rng));
        Storage(writes, WithStorage(2), new UInt256(42), RandomWord(_rng));
        writes.Delete(WithStorage(3));                         // storage cleared, account kept
        writes.SetAccount(WithStorage(3), _genesis.Accounts[WithStorage(3)]);

        InMemoryState expected = StageAndCheck(shard, Block(1), writes);

        Assert.Equal(Snapshot(expected, _addresses), Snapshot(shard.Flat, _addresses));
        Assert.Equal(9, shard.AccountCount);
        Assert.False(shard.Flat.TryGetAccount(WithStorage(0), out _));
        Assert.False(shard.Flat.HasStorage(WithStorage(0)));
        Assert.False(shard.Flat.HasStorage(WithStorage(3)));
        Assert.Single(shard.Flat.StorageOf(WithStorage(2)));
    }

    /// <summary>Every kind of write at once, on accounts that exist and one that does not.</summary>
    private BlockState MixedWrites(ShardState shard)
    {
        var writes = new BlockState(shard.Flat);
        writes.SetAccount(Loaded(1), RandomAccount(_rng));
        writes.SetAccount(Absent(0), RandomAccount(_rng));
        Storage(writes, Absent(0), new UInt256(1), RandomWord(_rng));
        Storage(writes, WithStorage(0), FirstSlot(_genesis, WithStorage(0)), UInt256.Zero);
        Storage(writes, WithStorage(0), new UInt256(77), RandomWord(_rng));
        foreach (UInt256 slot in _genesis.StorageOf(WithStorage(4)).Keys) Storage(writes, WithStorage(4), slot, UInt256.Zero);
        Storage(writes, WithoutStorage(2), new UInt256(3), RandomWord(_rng));
        writes.Delete(WithStorage(1));
        writes.Delete(WithStorage(2));
        writes.SetAccount(WithStorage(2), RandomAccount(_rng));
        Storage(writes, WithStorage(2), FirstSlot(_genesis, WithStorage(2)), RandomWord(_rng));
        writes.Delete(WithoutStorage(3));
        return writes;
    }

    [Fact]
    public void Dropped_staging_restores_every_value()
    {
        ShardState shard = LoadedShard();
        TrieSubtree before = shard.Subtree();
        string flatBefore = Snapshot(shard.Flat, _addresses);

        StageAndCheck(shard, Block(1), MixedWrites(shard));
        Assert.NotEqual(flatBefore, Snapshot(shard.Flat, _addresses));
        shard.Finish(Block(1), commit: false);

        Assert.False(shard.IsStaged);
        Assert.Equal(flatBefore, Snapshot(shard.Flat, _addresses));
        Assert.Equal(Snapshot(_genesis, _addresses), Snapshot(shard.Flat, _addresses));
        Assert.Equal(12, shard.AccountCount);
        Assert.Equal(before, shard.Subtree());
        Assert.Equal(FreshSubtree(_genesis), shard.Subtree());
    }

    [Fact]
    public void Committed_staging_keeps_every_value()
    {
        ShardState shard = LoadedShard();
        InMemoryState expected = StageAndCheck(shard, Block(1), MixedWrites(shard));
        TrieSubtree staged = shard.Subtree();

        shard.Finish(Block(1), commit: true);

        Assert.False(shard.IsStaged);
        Assert.Equal(Snapshot(expected, _addresses), Snapshot(shard.Flat, _addresses));
        Assert.Equal(staged, shard.Subtree());
        // The next block stages on top of the kept values, and dropping it comes back to them.
        var next = Storage(new BlockState(shard.Flat), Loaded(5), new UInt256(9), RandomWord(_rng));
        StageAndCheck(shard, Block(2), next);
        shard.Finish(Block(2), commit: false);
        Assert.Equal(Snapshot(expected, _addresses), Snapshot(shard.Flat, _addresses));
        Assert.Equal(staged, shard.Subtree());
    }

    [Fact]
    public void Staging_a_block_again_equals_staging_only_the_second_writes()
    {
        ShardState twice = LoadedShard();
        ShardState once = LoadedShard();
        TrieSubtree before = twice.Subtree();
        BlockState first = MixedWrites(twice);
        var second = new BlockState(twice.Flat);
        second.SetAccount(Loaded(7), RandomAccount(_rng));
        Storage(second, WithStorage(5), new UInt256(200), RandomWord(_rng));
        second.Delete(WithoutStorage(4));

        twice.Stage(Block(1), first);
        TrieSubtree again = twice.Stage(Block(1), second);
        TrieSubtree only = once.Stage(Block(1), second);

        Assert.Equal(only, again);
        Assert.Equal(Snapshot(once.Flat, _addresses), Snapshot(twice.Flat, _addresses));
        Assert.Equal(Committed(_genesis, second).Subtree, again);
        // Dropping after the second staging undoes both.
        twice.Finish(Block(1), commit: false);
        Assert.Equal(Snapshot(_genesis, _addresses), Snapshot(twice.Flat, _addresses));
        Assert.Equal(before, twice.Subtree());
    }

    [Fact]
    public void Staging_another_block_while_one_is_staged_throws_naming_both()
    {
        ShardState shard = LoadedShard();
        shard.Stage(Block(1), Storage(new BlockState(shard.Flat), Loaded(0), new UInt256(1), RandomWord(_rng)));
        string staged = Snapshot(shard.Flat, _addresses);

        var error = Assert.Throws<InvalidOperationException>(() =>
            shard.Stage(Block(2), Storage(new BlockState(shard.Flat), Loaded(1), new UInt256(1), RandomWord(_rng))));

        Assert.Contains(Block(1).ToString(), error.Message);
        Assert.Contains(Block(2).ToString(), error.Message);
        Assert.Equal(staged, Snapshot(shard.Flat, _addresses));
        Assert.True(shard.IsStaged);
    }

    [Fact]
    public void Finishing_another_block_throws_and_keeps_the_staging()
    {
        ShardState shard = LoadedShard();
        shard.Stage(Block(1), Storage(new BlockState(shard.Flat), Loaded(0), new UInt256(1), RandomWord(_rng)));
        string staged = Snapshot(shard.Flat, _addresses);

        var error = Assert.Throws<InvalidOperationException>(() => shard.Finish(Block(2), commit: false));

        Assert.Contains(Block(1).ToString(), error.Message);
        Assert.Contains(Block(2).ToString(), error.Message);
        Assert.True(shard.IsStaged);
        Assert.Equal(staged, Snapshot(shard.Flat, _addresses));
        shard.Finish(Block(1), commit: false);
        Assert.Equal(Snapshot(_genesis, _addresses), Snapshot(shard.Flat, _addresses));
    }

    [Fact]
    public void Loading_an_account_of_another_shard_throws_naming_it()
    {
        Address stranger = AddressNotOf(Shard, _rng);
        var source = new InMemoryState();
        source.SetAccount(stranger, RandomAccount(_rng));
        var shard = new ShardState(Shard);

        var error = Assert.Throws<InvalidOperationException>(() => shard.Load([stranger], source));

        Assert.Contains(stranger.ToString(), error.Message);
        Assert.Equal(0, shard.AccountCount);
    }
}
