using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Trie;
using static EvmCluster.Execution.Tests.Trie.PatriciaTrieTests;

namespace EvmCluster.Execution.Tests.Trie;

/// <summary>Larger randomized checks: order independence, incremental hashing, parallel hashing, big keys and values.</summary>
public class PatriciaTrieScaleTests
{
    [Fact]
    public void InsertionOrderDoesNotMatter()
    {
        var rng = new Random(1);
        var entries = Enumerable.Range(0, 3000).Select(_ => (Key: RandomBytes(rng, 32), Value: RandomBytes(rng, rng.Next(1, 100)))).ToArray();
        Hash256? first = null;
        for (int round = 0; round < 3; round++)
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in entries.OrderBy(_ => rng.Next())) trie.Set(key, value);
            Hash256 root = trie.RootHash();
            first ??= root;
            Assert.Equal(first, root);
            Assert.Equal(entries.Length, trie.Count);
        }
        Assert.Equal(first, PatriciaTrie.ComputeRoot(entries));
    }

    [Fact]
    public void IncrementalRootEqualsAFreshTrie()
    {
        var rng = new Random(3);
        var model = new Dictionary<string, byte[]>();
        var trie = new PatriciaTrie();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] key = Keccak256.Compute(BitConverter.GetBytes(i)).ToArray();
            byte[] value = RandomBytes(rng, 70);
            trie.Set(key, value);
            model[Convert.ToHexString(key)] = value;
        }
        trie.RootHash();

        // A block's worth of changes: updates, same-size updates, deletes and new keys; then enough to go parallel.
        foreach (int changes in new[] { 1, 10, 500, 5000 })
        {
            var existing = model.Keys.ToArray();
            for (int c = 0; c < changes; c++)
            {
                int kind = rng.Next(4);
                if (kind == 0)
                {
                    string victim = existing[rng.Next(existing.Length)];
                    trie.Delete(Convert.FromHexString(victim));
                    model.Remove(victim);
                }
                else if (kind == 1)
                {
                    byte[] key = RandomBytes(rng, 32);
                    byte[] value = RandomBytes(rng, rng.Next(1, 120));
                    trie.Set(key, value);
                    model[Convert.ToHexString(key)] = value;
                }
                else
                {
                    string target = existing[rng.Next(existing.Length)];
                    byte[] value = RandomBytes(rng, kind == 2 ? 70 : rng.Next(1, 120));
                    trie.Set(Convert.FromHexString(target), value);
                    model[target] = value;
                }
            }
            var fresh = new PatriciaTrie();
            foreach (var (hexKey, value) in model) fresh.Set(Convert.FromHexString(hexKey), value);
            Hash256 expected = fresh.RootHash();
            Assert.Equal(expected, trie.RootHash());
            Assert.Equal(expected, Reference(model));
            Assert.Equal(model.Count, trie.Count);
        }
    }

    [Fact]
    public void LargeTriesHashIdenticallyWithAndWithoutParallelism()
    {
        // Enough keys that hashing cuts the trie into subtrees and spreads them across threads.
        var rng = new Random(8);
        var model = new Dictionary<string, byte[]>();
        var parallel = new PatriciaTrie();
        var serial = new PatriciaTrie { AllowParallelHashing = false };
        for (int i = 0; i < 50_000; i++)
        {
            byte[] key = RandomBytes(rng, 32);
            byte[] value = RandomBytes(rng, rng.Next(1, 90));
            parallel.Set(key, value);
            serial.Set(key, value);
            model[Convert.ToHexString(key)] = value;
        }
        Assert.Equal(Reference(model), parallel.RootHash());
        Assert.Equal(parallel.RootHash(), serial.RootHash());

        for (int round = 0; round < 3; round++)
        {
            var existing = model.Keys.ToArray();
            for (int c = 0; c < 3000; c++)
            {
                string target = existing[rng.Next(existing.Length)];
                byte[] key = Convert.FromHexString(target);
                if (rng.Next(5) == 0)
                {
                    parallel.Delete(key);
                    serial.Delete(key);
                    model.Remove(target);
                }
                else
                {
                    byte[] value = RandomBytes(rng, rng.Next(1, 90));
                    parallel.Set(key, value);
                    serial.Set(key, value);
                    model[target] = value;
                }
            }
            Hash256 expected = Reference(model);
            Assert.Equal(expected, parallel.RootHash());
            Assert.Equal(expected, serial.RootHash());
        }
    }

    [Fact]
    public void LongKeysAndLargeValues()
    {
        var rng = new Random(9);
        var model = new Dictionary<string, byte[]>();
        var trie = new PatriciaTrie();
        byte[] prefix = RandomBytes(rng, 150);
        for (int i = 0; i < 300; i++)
        {
            // Long keys sharing a long prefix make long extensions; some values span many Keccak blocks.
            byte[] key = [.. prefix.AsSpan(0, rng.Next(0, 150)), .. RandomBytes(rng, rng.Next(1, 60))];
            byte[] value = RandomBytes(rng, rng.Next(3) == 0 ? rng.Next(1000, 100_000) : rng.Next(1, 50));
            trie.Set(key, value);
            model[Convert.ToHexString(key)] = value;
            if (i % 50 == 0) Assert.Equal(Reference(model), trie.RootHash());
        }
        Assert.Equal(Reference(model), trie.RootHash());
        foreach (var hexKey in model.Keys.Take(150).ToArray())
        {
            trie.Delete(Convert.FromHexString(hexKey));
            model.Remove(hexKey);
        }
        Assert.Equal(Reference(model), trie.RootHash());
    }

    [Fact]
    public void ManyIndexedItems()
    {
        var rng = new Random(10);
        var items = Enumerable.Range(0, 40_000).Select(_ => RandomBytes(rng, rng.Next(1, 120))).ToList();
        var trie = new PatriciaTrie();
        for (int i = 0; i < items.Count; i++) trie.Set(RlpEncoding.EncodeULong((ulong)i), items[i]);
        Assert.Equal(PatriciaTrie.ComputeListRoot(items), trie.RootHash());
    }
}
