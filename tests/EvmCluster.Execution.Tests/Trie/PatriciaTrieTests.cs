using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Tests.Trie;

public class PatriciaTrieTests
{
    internal static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    internal static Hash256 Reference(Dictionary<string, byte[]> contents) =>
        PatriciaTrie.ComputeRoot(contents.Select(kv => (Convert.FromHexString(kv.Key), kv.Value)));

    [Fact]
    public void EmptyTrie()
    {
        var trie = new PatriciaTrie();
        Assert.Equal(PatriciaTrie.EmptyRoot, trie.RootHash());
        Assert.Equal(0, trie.Count);
        Assert.False(trie.TryGet([1, 2, 3], out _));
        Assert.False(trie.Delete([1, 2, 3]));
        Assert.Null(trie.Get([]));
    }

    [Fact]
    public void DeletingEverythingReturnsToTheEmptyRoot()
    {
        var rng = new Random(2);
        var keys = Enumerable.Range(0, 2000).Select(_ => RandomBytes(rng, 32)).ToArray();
        var trie = new PatriciaTrie();
        foreach (var key in keys) trie.Set(key, RandomBytes(rng, 40));
        Assert.NotEqual(PatriciaTrie.EmptyRoot, trie.RootHash());
        foreach (var key in keys.OrderBy(_ => rng.Next()))
        {
            Assert.True(trie.Delete(key));
            Assert.False(trie.Delete(key));
        }
        Assert.Equal(0, trie.Count);
        Assert.Equal(PatriciaTrie.EmptyRoot, trie.RootHash());
    }

    [Fact]
    public void EmptyValueDeletes()
    {
        var trie = new PatriciaTrie();
        trie.Set("k"u8, "v"u8);
        trie.Set("k"u8, []);
        Assert.Equal(0, trie.Count);
        Assert.Equal(PatriciaTrie.EmptyRoot, trie.RootHash());
    }

    /// <summary>
    /// Random sets, updates and deletes over short keys from a small alphabet, so keys are often prefixes
    /// of each other (branch values, extension splits and merges); checked against a one-shot build.
    /// </summary>
    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 7)]
    [InlineData(13, 50)]
    public void RandomOperationsMatchAFreshBuild(int seed, int hashEvery)
    {
        var rng = new Random(seed);
        var trie = new PatriciaTrie();
        var model = new Dictionary<string, byte[]>();
        for (int step = 0; step < 4000; step++)
        {
            byte[] key = new byte[rng.Next(0, 5)];
            for (int i = 0; i < key.Length; i++) key[i] = (byte)(rng.Next(4) * 0x11);
            string hexKey = Convert.ToHexString(key);
            if (rng.Next(3) == 0)
            {
                Assert.Equal(model.Remove(hexKey), trie.Delete(key));
            }
            else
            {
                // Values straddle the 32-byte embedding threshold.
                byte[] value = RandomBytes(rng, rng.Next(1, 40));
                trie.Set(key, value);
                model[hexKey] = value;
            }
            Assert.Equal(model.Count, trie.Count);
            if (step % hashEvery == 0) Assert.Equal(Reference(model), trie.RootHash());
        }
        Assert.Equal(Reference(model), trie.RootHash());
        foreach (var (hexKey, value) in model)
        {
            Assert.True(trie.TryGet(Convert.FromHexString(hexKey), out var got));
            Assert.Equal(value, got.ToArray());
        }
    }

    [Fact]
    public void SettingTheSameValueKeepsTheRoot()
    {
        var trie = new PatriciaTrie();
        trie.Set("dog"u8, "puppy"u8);
        trie.Set("doge"u8, "coin"u8);
        Hash256 root = trie.RootHash();
        trie.Set("dog"u8, "puppy"u8);
        Assert.Equal(root, trie.RootHash());
        trie.Set("dog"u8, "puppz"u8);
        Assert.NotEqual(root, trie.RootHash());
        trie.Set("dog"u8, "puppy"u8);
        Assert.Equal(root, trie.RootHash());
    }

    [Fact]
    public void SpansFromTryGetSurviveAResize()
    {
        var trie = new PatriciaTrie();
        trie.Set("k"u8, "short"u8);
        Assert.True(trie.TryGet("k"u8, out var before));
        trie.Set("k"u8, "a longer value"u8);
        Assert.Equal("short"u8.ToArray(), before.ToArray());
        Assert.Equal("a longer value"u8.ToArray(), trie.Get("k"u8));
    }

    [Theory]
    [InlineData(28, true)]
    [InlineData(29, false)]
    public void NodesUnder32BytesAreEmbedded(int valueLength, bool embedded)
    {
        // 'a' and 'b' share nibble 6, then part at 1 and 2: extension [6] -> branch -> two leaves [0x20, value].
        byte[] value = new byte[valueLength];
        value.AsSpan().Fill(0x5a);
        byte[] leaf = RlpEncoding.EncodeList([0x20], RlpEncoding.EncodeBytes(value));
        Assert.Equal(valueLength + 3, leaf.Length);
        byte[] child = embedded ? leaf : RlpEncoding.EncodeHash(Keccak256.Compute(leaf));

        var items = new byte[17][];
        for (int i = 0; i < 17; i++) items[i] = [0x80];
        items[1] = child;
        items[2] = child;
        byte[] branch = RlpEncoding.EncodeList(items);
        byte[] branchRef = branch.Length < 32 ? branch : RlpEncoding.EncodeHash(Keccak256.Compute(branch));
        byte[] extension = RlpEncoding.EncodeList([0x16], branchRef);
        Hash256 expected = Keccak256.Compute(extension);

        var trie = new PatriciaTrie();
        trie.Set("a"u8, value);
        trie.Set("b"u8, value);
        Assert.Equal(expected, trie.RootHash());
        Assert.Equal(expected, PatriciaTrie.ComputeRoot([("a"u8.ToArray(), value), ("b"u8.ToArray(), value)]));
    }

    [Fact]
    public void ASmallRootIsStillHashed()
    {
        var trie = new PatriciaTrie();
        trie.Set("a"u8, "x"u8);
        byte[] leaf = RlpEncoding.EncodeList(RlpEncoding.EncodeBytes([0x20, 0x61]), RlpEncoding.EncodeBytes("x"u8));
        Assert.True(leaf.Length < 32);
        Assert.Equal(Keccak256.Compute(leaf), trie.RootHash());
    }

    [Fact]
    public void EmptyKeyIsALegalKey()
    {
        var trie = new PatriciaTrie();
        trie.Set([], "root value"u8);
        trie.Set("a"u8, "x"u8);
        Assert.Equal("root value"u8.ToArray(), trie.Get([]));
        Assert.Equal("x"u8.ToArray(), trie.Get("a"u8));
        Assert.Equal(PatriciaTrie.ComputeRoot([([], "root value"u8.ToArray()), ("a"u8.ToArray(), "x"u8.ToArray())]), trie.RootHash());
        trie.Delete("a"u8);
        Assert.Equal(PatriciaTrie.ComputeRoot([([], "root value"u8.ToArray())]), trie.RootHash());
    }

    [Fact]
    public void OneShotRootLetsTheLastDuplicateWin()
    {
        var trie = new PatriciaTrie();
        trie.Set("dog"u8, "puppy"u8);
        Hash256 expected = trie.RootHash();
        Assert.Equal(expected, PatriciaTrie.ComputeRoot([("dog"u8.ToArray(), "cat"u8.ToArray()), ("dog"u8.ToArray(), "puppy"u8.ToArray())]));
        Assert.Equal(expected, PatriciaTrie.ComputeRoot([("dog"u8.ToArray(), "puppy"u8.ToArray()), ("doge"u8.ToArray(), "coin"u8.ToArray()), ("doge"u8.ToArray(), [])]));
    }

    [Fact]
    public void ListRootsUseRlpIndexKeys()
    {
        var rng = new Random(5);
        foreach (int count in new[] { 1, 2, 16, 127, 128, 129, 300 })
        {
            var items = Enumerable.Range(0, count).Select(_ => RandomBytes(rng, rng.Next(1, 200))).ToList();
            var trie = new PatriciaTrie();
            for (int i = 0; i < count; i++) trie.Set(RlpEncoding.EncodeULong((ulong)i), items[i]);
            Assert.Equal(trie.RootHash(), PatriciaTrie.ComputeListRoot(items));
        }
    }

    [Fact]
    public void ClearEmptiesTheTrie()
    {
        var trie = new PatriciaTrie();
        trie.Set("a"u8, "b"u8);
        trie.Clear();
        Assert.Equal(0, trie.Count);
        Assert.Equal(PatriciaTrie.EmptyRoot, trie.RootHash());
    }
}
