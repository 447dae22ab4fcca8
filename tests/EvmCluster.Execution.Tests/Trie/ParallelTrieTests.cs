using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using static EvmCluster.Execution.Tests.Trie.PatriciaTrieTests;

namespace EvmCluster.Execution.Tests.Trie;

/// <summary>Every multi-threaded path to a root gives exactly the root of the single-threaded one.</summary>
public class ParallelTrieTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SetMany_equals_Set_in_order(int threads)
    {
        var rng = new Random(threads);
        var keys = Enumerable.Range(0, 5000).Select(_ => RandomBytes(rng, 32)).ToList();
        PatriciaTrie serial = Filled(keys, 5), batched = Filled(keys, 5);
        Assert.Equal(serial.RootHash(1), batched.RootHash(threads));

        for (int round = 0; round < 3; round++)
        {
            var changedKeys = new List<byte[]>();
            var changedValues = new List<byte[]>();
            for (int c = 0; c < 3000; c++)
            {
                byte[] key = rng.Next(3) switch
                {
                    0 => RandomBytes(rng, 32),
                    // Some keys change twice in one batch: the later change must win.
                    1 when changedKeys.Count > 0 => changedKeys[rng.Next(changedKeys.Count)],
                    _ => keys[rng.Next(keys.Count)],
                };
                byte[] value = rng.Next(4) == 0 ? [] : RandomBytes(rng, rng.Next(1, 80));
                changedKeys.Add(key);
                changedValues.Add(value);
            }
            for (int i = 0; i < changedKeys.Count; i++) serial.Set(changedKeys[i], changedValues[i]);
            batched.SetMany(changedKeys, changedValues, threads);
            keys.AddRange(changedKeys);

            Assert.Equal(serial.Count, batched.Count);
            Assert.Equal(serial.RootHash(1), batched.RootHash(threads));
            foreach (byte[] key in changedKeys) Assert.Equal(serial.Get(key), batched.Get(key));
        }
    }

    [Fact]
    public void SetMany_deleting_all_but_one_key_collapses_the_root_then_empties_it()
    {
        var rng = new Random(7);
        var keys = Enumerable.Range(0, 800).Select(_ => RandomBytes(rng, 32)).ToList();
        PatriciaTrie trie = Filled(keys, 1), expected = Filled(keys, 1);
        trie.RootHash(2);

        var allButLast = keys.Take(keys.Count - 1).ToList();
        trie.SetMany(allButLast, allButLast.Select(_ => Array.Empty<byte>()).ToList(), threads: 3);
        foreach (byte[] key in allButLast) expected.Delete(key);
        Assert.Equal(1, trie.Count);
        Assert.Equal(expected.RootHash(1), trie.RootHash(3));

        // Back up from one key (the root is a leaf now, so this takes the one-thread path), then all gone at once.
        trie.SetMany(allButLast, allButLast.Select(k => k[..8]).ToList(), threads: 3);
        foreach (byte[] key in allButLast) expected.Set(key, key[..8]);
        Assert.Equal(expected.RootHash(1), trie.RootHash(3));
        trie.SetMany(keys, keys.Select(_ => Array.Empty<byte>()).ToList(), threads: 3);
        Assert.Equal(0, trie.Count);
        Assert.Equal(PatriciaTrie.EmptyRoot, trie.RootHash(3));
    }

    [Fact]
    public void SetMany_rejects_mismatched_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new PatriciaTrie().SetMany([[1]], [], threads: 2));
        Assert.Contains("1 keys but 0 values", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(3000)]
    [InlineData(70_000)]
    public void List_root_on_threads_equals_the_sorted_root(int count)
    {
        var rng = new Random(count);
        var items = Enumerable.Range(0, count).Select(_ => RandomBytes(rng, rng.Next(1, 120))).ToArray();
        Hash256 sorted = PatriciaTrie.ComputeRoot(items.Select((item, i) => (RlpEncoding.EncodeULong((ulong)i), item)));
        Assert.Equal(sorted, PatriciaTrie.ComputeListRoot(items));
        Assert.Equal(sorted, PatriciaTrie.ComputeListRoot(items, threads: 4));
    }

    [Fact]
    public void State_root_on_threads_equals_one_thread_and_a_fresh_build()
    {
        var rng = new Random(11);
        var genesis = new InMemoryState();
        var addresses = Enumerable.Range(1, 3000).Select(i => Address.FromLowBytes((ulong)i * 7919)).ToArray();
        Address token = addresses[0];
        foreach (Address address in addresses)
        {
            var slots = address == token
                ? Enumerable.Range(0, 4000).Select(s => KeyValuePair.Create(new UInt256((ulong)s), new UInt256((ulong)rng.Next(1, 1000))))
                : Enumerable.Range(0, rng.Next(3)).Select(s => KeyValuePair.Create(new UInt256((ulong)s), new UInt256(5)));
            genesis.SetAccount(address, (ulong)rng.Next(10), new UInt256((ulong)rng.Next()), [], slots.ToList());
        }
        WorldState one = new(genesis.Clone()), many = new(genesis.Clone());
        Assert.Equal(one.ComputeStateRoot(1), many.ComputeStateRoot(4));

        for (int block = 0; block < 3; block++)
        {
            var changes = new StateChanges();
            foreach (Address address in addresses.OrderBy(_ => rng.Next()).Take(1500))
            {
                bool delete = address != token && rng.Next(20) == 0;
                changes.Accounts.Add(new AccountWrite(address, new AccountRecord((ulong)block + 1, new UInt256((ulong)rng.Next()), AccountRecord.Empty.CodeHash),
                    delete ? AccountDeletion.Destroyed : AccountDeletion.None));
            }
            // The busy contract takes the many-slot path; others a few slots each, zeros among them (deletes).
            for (int s = 0; s < 3000; s++)
                changes.Storage.Add(new StorageWrite(new StorageCell(token, new UInt256((ulong)rng.Next(6000))), new UInt256((ulong)rng.Next(3))));
            for (int s = 0; s < 2000; s++)
                changes.Storage.Add(new StorageWrite(new StorageCell(addresses[1 + rng.Next(addresses.Length - 1)], new UInt256((ulong)rng.Next(4))), new UInt256((ulong)rng.Next(2))));

            Hash256 expected = Commit(one, changes, threads: 1);
            Assert.Equal(expected, Commit(many, changes, threads: 4));
            Assert.Equal(expected, StateRootCalculator.Compute(many.Flat));
        }
    }

    private static Hash256 Commit(WorldState world, StateChanges changes, int threads)
    {
        var block = new BlockState(world);
        block.Apply(changes);
        world.Commit(block);
        return world.ComputeStateRoot(threads);
    }

    private static PatriciaTrie Filled(List<byte[]> keys, int seed)
    {
        var rng = new Random(seed);
        var trie = new PatriciaTrie();
        foreach (byte[] key in keys) trie.Set(key, RandomBytes(rng, 40));
        return trie;
    }
}
