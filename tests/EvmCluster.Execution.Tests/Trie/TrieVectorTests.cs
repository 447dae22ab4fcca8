using System.Text;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Tests.Trie;

public class TrieVectorTests
{
    private static readonly Dictionary<string, JsonElement> Files = new()
    {
        ["trietest"] = Parse(TrieVectorData.TrieTest),
        ["trietest_secureTrie"] = Parse(TrieVectorData.TrieTestSecure),
        ["trieanyorder"] = Parse(TrieVectorData.AnyOrder),
        ["trieanyorder_secureTrie"] = Parse(TrieVectorData.AnyOrderSecure),
        ["hex_encoded_securetrie_test"] = Parse(TrieVectorData.HexEncodedSecure),
    };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static bool IsSecure(string file) => file.Contains("secure", StringComparison.OrdinalIgnoreCase);

    public static TheoryData<string, string> OrderedCases() => Cases("trietest", "trietest_secureTrie");

    public static TheoryData<string, string> AnyOrderCases() => Cases("trieanyorder", "trieanyorder_secureTrie", "hex_encoded_securetrie_test");

    private static TheoryData<string, string> Cases(params string[] files)
    {
        var data = new TheoryData<string, string>();
        foreach (string file in files)
            foreach (var test in Files[file].EnumerateObject()) data.Add(file, test.Name);
        return data;
    }

    /// <summary>The vector convention: "0x..." is hex, any other string is UTF-8, null is a delete.</summary>
    private static byte[] Bytes(JsonElement value) => value.ValueKind == JsonValueKind.Null ? [] : Bytes(value.GetString()!);

    private static byte[] Bytes(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal) ? Hex.Decode(text) : Encoding.UTF8.GetBytes(text);

    private static byte[] Key(string file, byte[] raw) => IsSecure(file) ? Keccak256.Compute(raw).ToArray() : raw;

    [Theory]
    [MemberData(nameof(OrderedCases))]
    public void OrderedUpdatesGiveTheExpectedRoot(string file, string name)
    {
        JsonElement test = Files[file].GetProperty(name);
        var trie = new PatriciaTrie();
        var live = new Dictionary<string, byte[]>();
        foreach (JsonElement pair in test.GetProperty("in").EnumerateArray())
        {
            byte[] key = Key(file, Bytes(pair[0]));
            byte[] value = Bytes(pair[1]);
            trie.Set(key, value);
            if (value.Length == 0) live.Remove(Convert.ToHexString(key));
            else live[Convert.ToHexString(key)] = value;
            // Hashing between updates exercises the incremental path on every step.
            trie.RootHash();
        }

        Hash256 expected = Hash256.Parse(test.GetProperty("root").GetString()!);
        Assert.Equal(expected, trie.RootHash());
        Assert.Equal(live.Count, trie.Count);
        foreach (var (hexKey, value) in live)
        {
            Assert.True(trie.TryGet(Convert.FromHexString(hexKey), out var got));
            Assert.Equal(value, got.ToArray());
        }

        // The same end state built fresh, and in one shot.
        var fresh = new PatriciaTrie();
        foreach (var (hexKey, value) in live) fresh.Set(Convert.FromHexString(hexKey), value);
        Assert.Equal(expected, fresh.RootHash());
        Assert.Equal(expected, PatriciaTrie.ComputeRoot(live.Select(kv => (Convert.FromHexString(kv.Key), kv.Value))));
    }

    [Theory]
    [MemberData(nameof(AnyOrderCases))]
    public void EveryInsertionOrderGivesTheExpectedRoot(string file, string name)
    {
        JsonElement test = Files[file].GetProperty(name);
        var entries = test.GetProperty("in").EnumerateObject()
            .Select(p => (Key: Key(file, Bytes(p.Name)), Value: Bytes(p.Value)))
            .ToArray();
        Hash256 expected = Hash256.Parse(test.GetProperty("root").GetString()!);

        foreach (var order in Permutations(entries))
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in order) trie.Set(key, value);
            Assert.Equal(expected, trie.RootHash());
            Assert.Equal(entries.Length, trie.Count);
        }
        Assert.Equal(expected, PatriciaTrie.ComputeRoot(entries));
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Length; i++)
        {
            T[] rest = [.. items[..i], .. items[(i + 1)..]];
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }

    [Fact]
    public void AllVectorFilesArePresent()
    {
        Assert.Equal(5, Files["trietest"].EnumerateObject().Count());
        Assert.Equal(3, Files["trietest_secureTrie"].EnumerateObject().Count());
        Assert.Equal(7, Files["trieanyorder"].EnumerateObject().Count());
        Assert.Equal(7, Files["trieanyorder_secureTrie"].EnumerateObject().Count());
        Assert.Equal(3, Files["hex_encoded_securetrie_test"].EnumerateObject().Count());
    }
}
