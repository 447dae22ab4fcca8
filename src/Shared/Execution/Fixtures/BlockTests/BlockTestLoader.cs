using System.Text.Json;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Blocks;

namespace EvmCluster.Execution.Fixtures.BlockTests;

/// <summary>Reads BlockchainTests JSON files.</summary>
public static class BlockTestLoader
{
    public static List<BlockTest> Load(string path)
    {
        JsonDocument document;
        try
        {
            using FileStream stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new FixtureException($"malformed JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FixtureException("a block test file is a JSON object of tests");
            var tests = new List<BlockTest>();
            foreach (JsonProperty test in document.RootElement.EnumerateObject())
            {
                try
                {
                    tests.Add(Read(path, test.Name, test.Value));
                }
                catch (FixtureException e)
                {
                    throw new FixtureException($"test '{test.Name}': {e.Message}");
                }
            }
            return tests;
        }
    }

    private static BlockTest Read(string file, string name, JsonElement test)
    {
        string network = JsonHex.Text(JsonHex.Required(test, "network"), "network");
        if (!Forks.TryGet(network, out ReleaseSpec spec)) throw new FixtureException($"unsupported network '{network}'");
        var blocks = new List<BlockTestBlock>();
        foreach (JsonElement block in JsonHex.Required(test, "blocks").EnumerateArray())
        {
            blocks.Add(new BlockTestBlock(
                JsonHex.ToBytes(JsonHex.Required(block, "rlp"), "blocks[].rlp"),
                block.TryGetProperty("blockHeader", out JsonElement header) ? BlockHeaderJson.ReadBlockTest(header) : null,
                block.TryGetProperty("expectException", out JsonElement ex) ? ex.GetString() : null));
        }
        return new BlockTest(
            file, name, spec,
            GenesisAccounts.Load(JsonHex.Required(test, "pre")),
            BlockHeaderJson.ReadBlockTest(JsonHex.Required(test, "genesisBlockHeader")),
            blocks,
            test.TryGetProperty("postState", out JsonElement post) ? GenesisAccounts.Load(post) : null,
            test.TryGetProperty("lastblockhash", out JsonElement last) ? JsonHex.ToHash(last, "lastblockhash") : null);
    }
}
