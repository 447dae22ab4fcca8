using EvmCluster.Evm.Core;
using EvmCluster.Execution.Trie;
using static EvmCluster.Execution.Tests.Trie.PatriciaTrieTests;

namespace EvmCluster.Execution.Tests.Trie;

/// <summary>
/// Shards hold the keys under each nibble prefix; composing their <see cref="PatriciaTrie.SubtreeBelow"/>
/// pieces must give exactly the root of one trie over all keys, however sparse the shards are.
/// </summary>
public class TrieComposerTests
{
    /// <summary>A full trie and one trie per prefix, kept in step.</summary>
    private sealed class ShardedTries(int prefixNibbles)
    {
        public PatriciaTrie Full { get; } = new();
        public Dictionary<int, PatriciaTrie> Shards { get; } = [];

        public void Set(byte[] key, byte[] value)
        {
            Full.Set(key, value);
            int prefix = PrefixOf(key, prefixNibbles);
            if (!Shards.TryGetValue(prefix, out var shard)) Shards[prefix] = shard = new PatriciaTrie();
            shard.Set(key, value);
        }

        public void Delete(byte[] key)
        {
            bool removed = Full.Delete(key);
            Assert.Equal(removed, Shards.TryGetValue(PrefixOf(key, prefixNibbles), out var shard) && shard.Delete(key));
        }

        public Hash256 Composed() =>
            TrieComposer.ComposeRoot(Shards.ToDictionary(kv => kv.Key, kv => kv.Value.SubtreeBelow(prefixNibbles)), prefixNibbles);

        public void AssertRootsMatch() => Assert.Equal(Full.RootHash(), Composed());
    }

    private static int PrefixOf(byte[] key, int prefixNibbles)
    {
        int prefix = 0;
        for (int i = 0; i < prefixNibbles; i++) prefix = (prefix << 4) | HexPrefix.Nibble(key, i);
        return prefix;
    }

    private static void AssertComposes(int prefixNibbles, IEnumerable<(byte[] Key, byte[] Value)> entries)
    {
        var tries = new ShardedTries(prefixNibbles);
        foreach (var (key, value) in entries) tries.Set(key, value);
        tries.AssertRootsMatch();
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[] WithNibble(byte[] key, int index, int nibble)
    {
        byte[] copy = (byte[])key.Clone();
        int shift = (index & 1) == 0 ? 4 : 0;
        copy[index >> 1] = (byte)((copy[index >> 1] & ~(0xF << shift)) | (nibble << shift));
        return copy;
    }

    public static TheoryData<int> PrefixLengths => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void NoKeysComposeToTheEmptyRoot(int prefixNibbles)
    {
        Assert.Equal(PatriciaTrie.EmptyRoot, TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree>(), prefixNibbles));
        Assert.Equal(PatriciaTrie.EmptyRoot, TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree> { [0] = TrieSubtree.Empty }, prefixNibbles));
        Assert.Equal(TrieSubtree.Empty, new PatriciaTrie().SubtreeBelow(prefixNibbles));
        new ShardedTries(prefixNibbles).AssertRootsMatch();
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void OneKey(int prefixNibbles)
    {
        var rng = new Random(100 + prefixNibbles);
        AssertComposes(prefixNibbles, [(RandomBytes(rng, 32), RandomBytes(rng, 70))]);
        AssertComposes(prefixNibbles, [(RandomBytes(rng, 32), [0x01])]);
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void TwoKeysInTheSameShard(int prefixNibbles)
    {
        var rng = new Random(200 + prefixNibbles);
        byte[] a = RandomBytes(rng, 32);
        // Same first 10 nibbles; they part at nibble 10, far below any prefix.
        byte[] b = WithNibble(a, 10, HexPrefix.Nibble(a, 10) ^ 0x5);
        AssertComposes(prefixNibbles, [(a, RandomBytes(rng, 70)), (b, RandomBytes(rng, 70))]);
        // Parting right at the prefix boundary: the shard's root is a branch under an extension of exactly the prefix.
        byte[] c = WithNibble(a, prefixNibbles, HexPrefix.Nibble(a, prefixNibbles) ^ 0x1);
        AssertComposes(prefixNibbles, [(a, RandomBytes(rng, 70)), (c, RandomBytes(rng, 70))]);
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void TwoKeysSharingOnlyTheirLeadingNibbles(int prefixNibbles)
    {
        var rng = new Random(300 + prefixNibbles);
        byte[] a = RandomBytes(rng, 32);
        // Sharing 1 and 2 leading nibbles: different shards once the prefix is longer than what they share.
        for (int shared = 1; shared <= 2; shared++)
        {
            byte[] b = WithNibble(a, shared, HexPrefix.Nibble(a, shared) ^ 0x8);
            AssertComposes(prefixNibbles, [(a, RandomBytes(rng, 70)), (b, RandomBytes(rng, 70))]);
        }
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void ThreeKeys(int prefixNibbles)
    {
        var rng = new Random(400 + prefixNibbles);
        for (int round = 0; round < 20; round++)
        {
            byte[] a = RandomBytes(rng, 32);
            byte[] b = round % 2 == 0 ? WithNibble(a, 1, HexPrefix.Nibble(a, 1) ^ 0x3) : RandomBytes(rng, 32);
            byte[] c = round % 3 == 0 ? WithNibble(a, 2, HexPrefix.Nibble(a, 2) ^ 0x7) : RandomBytes(rng, 32);
            AssertComposes(prefixNibbles, [(a, RandomBytes(rng, 70)), (b, RandomBytes(rng, 70)), (c, RandomBytes(rng, 70))]);
        }
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void ThousandRandomAccounts(int prefixNibbles)
    {
        var rng = new Random(500 + prefixNibbles);
        AssertComposes(prefixNibbles, Enumerable.Range(0, 1000).Select(_ => (RandomBytes(rng, 32), RandomBytes(rng, rng.Next(68, 74)))).ToArray());
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void EmbeddedNodesFromTinyValuesAndLongSharedPaths(int prefixNibbles)
    {
        var rng = new Random(600 + prefixNibbles);
        var entries = new List<(byte[], byte[])>();
        for (int cluster = 0; cluster < 6; cluster++)
        {
            byte[] baseKey = RandomBytes(rng, 32);
            if (cluster % 2 == 1) baseKey[0] = 0x42; // several clusters in one shard
            // Keys sharing 63 nibbles (1-nibble leaves under one branch) and 62 (a nested branch).
            for (int last = 0; last < 3; last++) entries.Add((WithNibble(baseKey, 63, last), [(byte)(last + 1)]));
            entries.Add((WithNibble(baseKey, 62, HexPrefix.Nibble(baseKey, 62) ^ 0x1), [0x07]));
        }
        AssertComposes(prefixNibbles, entries);

        // Short keys with tiny values: whole shards, and the whole trie, encode under 32 bytes.
        AssertComposes(prefixNibbles, [(Hex("1234"), [0x01])]);
        AssertComposes(prefixNibbles, [(Hex("1234"), [0x01]), (Hex("1235"), [0x02])]);
        AssertComposes(prefixNibbles, [(Hex("1234"), [0x01]), (Hex("1334"), [0x02]), (Hex("2234"), [0x03])]);
        AssertComposes(prefixNibbles, [(Hex("1234"), [0x01]), (Hex("1244"), [0x02]), (Hex("1235"), [0x03])]);
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void AllKeysInOneShard(int prefixNibbles)
    {
        var rng = new Random(700 + prefixNibbles);
        var entries = Enumerable.Range(0, 300).Select(_ =>
        {
            byte[] key = RandomBytes(rng, 32);
            key[0] = 0xAB;
            key[1] = 0xCD;
            return (key, RandomBytes(rng, 70));
        }).ToArray();
        AssertComposes(prefixNibbles, entries);
        AssertComposes(prefixNibbles, entries.Take(2));
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void DeletionsEmptyShardsOrLeaveSingleLeaves(int prefixNibbles)
    {
        var rng = new Random(800 + prefixNibbles);
        var tries = new ShardedTries(prefixNibbles);
        var keys = new List<byte[]>();
        // Three keys per region 0x1?, 0x2?, 0x3?, each pair sharing 3 nibbles, so every prefix length sees multi-key shards.
        foreach (byte lead in new byte[] { 0x10, 0x20, 0x30 })
        {
            byte[] a = RandomBytes(rng, 32);
            a[0] = lead;
            a[1] = 0x50;
            byte[] b = WithNibble(a, 3, 0xA);
            byte[] c = WithNibble(a, 1, 0x9);
            keys.AddRange([a, b, c]);
        }
        foreach (byte[] key in keys) tries.Set(key, RandomBytes(rng, 70));
        tries.AssertRootsMatch();

        // Empty the 0x1? region, shrink 0x2? to one leaf, then drain the rest one key at a time.
        foreach (int index in new[] { 0, 1, 2, 3, 5, 6, 4, 8, 7 })
        {
            tries.Delete(keys[index]);
            tries.AssertRootsMatch();
        }
        Assert.Equal(PatriciaTrie.EmptyRoot, tries.Composed());
    }

    [Theory]
    [MemberData(nameof(PrefixLengths))]
    public void RandomSparseStatesWithUpdatesAndDeletes(int prefixNibbles)
    {
        var rng = new Random(900 + prefixNibbles);
        byte[] leads = [0x00, 0x01, 0x0F, 0x10, 0x11, 0xF0, 0xFF];
        for (int round = 0; round < 100; round++)
        {
            var tries = new ShardedTries(prefixNibbles);
            var keys = new List<byte[]>();
            int count = rng.Next(1, 12);
            for (int i = 0; i < count; i++)
            {
                byte[] key = RandomBytes(rng, 32);
                // Crowd the keys into a few leading bytes (and sometimes nibble 2) so shards collide and part near the prefix.
                if (rng.Next(4) != 0) key[0] = leads[rng.Next(leads.Length)];
                if (rng.Next(3) == 0) key[1] = (byte)(rng.Next(2) << 4 | (key[1] & 0xF));
                keys.Add(key);
                tries.Set(key, rng.Next(3) == 0 ? [(byte)rng.Next(1, 256)] : RandomBytes(rng, 70));
            }
            tries.AssertRootsMatch();
            for (int i = 0; i < keys.Count; i++)
            {
                if (rng.Next(2) == 0) tries.Delete(keys[i]);
                else tries.Set(keys[i], RandomBytes(rng, rng.Next(1, 80)));
                tries.AssertRootsMatch();
            }
        }
    }

    [Fact]
    public void SubtreeBelowDescribesTheRootBelowThePrefix()
    {
        var trie = new PatriciaTrie();
        trie.Set(Hex("ab12"), [0x05]);
        Assert.Equal(new TrieSubtree(TrieSubtreeKind.Leaf, [0x1, 0x2], [0x05]), trie.SubtreeBelow(2));
        Assert.Equal(new TrieSubtree(TrieSubtreeKind.Leaf, [], [0x05]), trie.SubtreeBelow(4));

        trie.Set(Hex("ab34"), [0x06]);
        var below2 = trie.SubtreeBelow(2);
        Assert.Equal(TrieSubtreeKind.Branch, below2.Kind);
        Assert.Empty(below2.Path);
        var below1 = trie.SubtreeBelow(1);
        Assert.Equal(TrieSubtreeKind.Extension, below1.Kind);
        Assert.Equal(new byte[] { 0xB }, below1.Path);
        Assert.Equal(below2.Payload, below1.Payload);
    }

    [Fact]
    public void SubtreeBelowThrowsWhenTheKeysDoNotShareThePrefix()
    {
        var rootBranch = new PatriciaTrie();
        rootBranch.Set(Hex("10aa"), [0x01]);
        rootBranch.Set(Hex("20aa"), [0x02]);
        Assert.Throws<InvalidOperationException>(() => rootBranch.SubtreeBelow(1));
        Assert.Equal(TrieSubtreeKind.Branch, rootBranch.SubtreeBelow(0).Kind);

        var shortExtension = new PatriciaTrie();
        shortExtension.Set(Hex("11aa"), [0x01]);
        shortExtension.Set(Hex("12aa"), [0x02]);
        Assert.Throws<InvalidOperationException>(() => shortExtension.SubtreeBelow(2));
        Assert.Equal(TrieSubtreeKind.Branch, shortExtension.SubtreeBelow(1).Kind);

        var shortKey = new PatriciaTrie();
        shortKey.Set(Hex("11"), [0x01]);
        Assert.Throws<InvalidOperationException>(() => shortKey.SubtreeBelow(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => shortKey.SubtreeBelow(-1));
    }

    [Fact]
    public void ComposeRootRejectsPrefixesOutOfRange()
    {
        var leaf = new TrieSubtree(TrieSubtreeKind.Leaf, [0x1], [0x01]);
        Assert.Throws<ArgumentException>(() => TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree> { [256] = leaf }, 2));
        Assert.Throws<ArgumentException>(() => TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree> { [-1] = leaf }, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree>(), -1));
        Assert.Throws<ArgumentException>(() =>
            TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree> { [1] = new(TrieSubtreeKind.Branch, [], new byte[33]) }, 2));
    }
}
