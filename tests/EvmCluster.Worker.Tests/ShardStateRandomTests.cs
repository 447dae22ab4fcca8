using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using EvmCluster.Worker.Shards;
using static EvmCluster.Worker.Tests.ShardFixtures;

namespace EvmCluster.Worker.Tests;

public sealed class ShardStateRandomTests
{
    private const int Rounds = 300;

    /// <summary>
    /// Random writes of every kind over a pool of the shard's addresses (some not in the state) on top of
    /// <paramref name="preBlock"/>; storage is only written with its account, as in a real block.
    /// </summary>
    private static BlockState RandomWrites(InMemoryState preBlock, List<Address> pool, Random rng)
    {
        var writes = new BlockState(preBlock);
        int count = rng.Next(1, 12);
        for (int i = 0; i < count; i++)
        {
            Address address = pool[rng.Next(pool.Count)];
            switch (rng.Next(6))
            {
                case 0:
                    writes.SetAccount(address, RandomAccount(rng));
                    break;
                case 1:
                    writes.Delete(address);
                    break;
                case 2:
                {
                    // Storage cleared, the account written again (how a shard receives it).
                    writes.Delete(address);
                    writes.SetAccount(address, RandomAccount(rng));
                    break;
                }
                case 3:
                {
                    var changes = new StateChanges();
                    changes.Accounts.Add(new AccountWrite(address, default, rng.Next(2) == 0 ? AccountDeletion.Destroyed : AccountDeletion.Emptied));
                    writes.Apply(changes);
                    break;
                }
                default:
                {
                    var changes = new StateChanges();
                    int slots = rng.Next(1, 4);
                    for (int s = 0; s < slots; s++)
                        changes.Storage.Add(new StorageWrite(new StorageCell(address, RandomSlot(rng)), rng.Next(3) == 0 ? UInt256.Zero : RandomWord(rng)));
                    // Storage goes with its account, as a block's writes do.
                    if (!writes.TryGetAccount(address, out _)) changes.Accounts.Add(new AccountWrite(address, RandomAccount(rng), AccountDeletion.None));
                    writes.Apply(changes);
                    break;
                }
            }
        }
        return writes;
    }

    [Theory]
    [InlineData(1, 0x00)]
    [InlineData(2, 0x5a)]
    [InlineData(3, 0xff)]
    public void Random_dropped_stagings_leave_the_shard_exactly_as_it_was(int seed, int shardIndex)
    {
        var rng = new Random(seed);
        List<Address> pool = AddressesOf(shardIndex, 24, rng);
        var shard = new ShardState(shardIndex);
        shard.Load(pool.Take(16), Genesis(pool.Take(16), rng));
        int drops = 0;

        for (int round = 0; round < Rounds; round++)
        {
            string flatBefore = Snapshot(shard.Flat, pool);
            InMemoryState copyBefore = shard.Flat.Clone();
            TrieSubtree before = shard.Subtree();
            var block = RandomHash(rng);

            BlockState writes = RandomWrites(copyBefore, pool, rng);
            if (rng.Next(4) == 0)
            {
                // Staged once, then replaced by other writes.
                shard.Stage(block, writes);
                writes = RandomWrites(copyBefore, pool, rng);
            }
            var (expected, expectedFlat) = Committed(copyBefore, writes);
            TrieSubtree staged = shard.Stage(block, writes);
            Assert.Equal(expected, staged);
            Assert.Equal(Snapshot(expectedFlat, pool), Snapshot(shard.Flat, pool));

            if (round % 8 == 7)
            {
                shard.Finish(block, commit: true);
                Assert.Equal(Snapshot(expectedFlat, pool), Snapshot(shard.Flat, pool));
                Assert.Equal(FreshSubtree(expectedFlat), shard.Subtree());
                continue;
            }
            shard.Finish(block, commit: false);
            drops++;
            Assert.Equal(flatBefore, Snapshot(shard.Flat, pool));
            TrieSubtree after = shard.Subtree();
            Assert.Equal(before, after);
            Assert.Equal(FreshSubtree(copyBefore), after);
            AssertRootOf(shardIndex, after, shard.Flat);
        }
        Assert.True(drops > Rounds / 2);
    }
}
