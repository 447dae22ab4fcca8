using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Fixtures.Workloads;

/// <summary>Reads a workload folder: genesis.json, block.json (raw signed transactions are authoritative) and expected.json.</summary>
public static class WorkloadLoader
{
    public static Workload Load(string directory)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        using JsonDocument block = Parse(directory, "block.json");
        using JsonDocument expected = Parse(directory, "expected.json");

        JsonElement header = JsonHex.Required(block.RootElement, "header");
        UInt256 chainId = JsonHex.ToUInt256(JsonHex.Required(header, "chainId"), "header.chainId");
        var transactions = new List<SignedTransaction>();
        foreach (JsonElement tx in JsonHex.Required(block.RootElement, "transactions").EnumerateArray())
        {
            byte[] raw = JsonHex.ToBytes(JsonHex.Required(tx, "raw"), $"transactions[{transactions.Count}].raw");
            try
            {
                transactions.Add(TransactionCodec.Decode(raw));
            }
            catch (RlpException e)
            {
                throw new FixtureException($"transaction {transactions.Count}: {e.Message}");
            }
        }

        string genesisPath = Path.Combine(directory, "genesis.json");
        if (!File.Exists(genesisPath)) throw new FixtureException($"{directory}: no genesis.json");
        return new Workload(name, GenesisReader.ReadAlloc(genesisPath), ReadHeader(header), chainId,
            transactions, ReadExpectation(expected.RootElement));
    }

    private static BlockHeader ReadHeader(JsonElement h) => new()
    {
        Number = JsonHex.ToLong(JsonHex.Required(h, "number"), "header.number"),
        Timestamp = JsonHex.ToULong(JsonHex.Required(h, "timestamp"), "header.timestamp"),
        Beneficiary = JsonHex.ToAddress(JsonHex.Required(h, "coinbase"), "header.coinbase"),
        GasLimit = JsonHex.ToLong(JsonHex.Required(h, "gasLimit"), "header.gasLimit"),
        BaseFeePerGas = JsonHex.ToUInt256(JsonHex.Required(h, "baseFeePerGas"), "header.baseFeePerGas"),
        MixHash = JsonHex.ToHash(JsonHex.Required(h, "prevRandao"), "header.prevRandao"),
        Difficulty = JsonHex.ToUInt256(JsonHex.Required(h, "difficulty"), "header.difficulty"),
        ParentBeaconBlockRoot = h.TryGetProperty("parentBeaconBlockRoot", out JsonElement root) ? JsonHex.ToHash(root, "header.parentBeaconBlockRoot") : null,
        ExcessBlobGas = 0,
        BlobGasUsed = 0,
    };

    private static WorkloadExpectation ReadExpectation(JsonElement e) => new(
        JsonHex.ToLong(JsonHex.Required(e, "blockGasUsed"), "blockGasUsed"),
        JsonHex.ToHash(JsonHex.Required(e, "stateRoot"), "stateRoot"),
        JsonHex.ToHash(JsonHex.Required(e, "receiptsRoot"), "receiptsRoot"),
        JsonHex.ToHash(JsonHex.Required(e, "transactionsRoot"), "transactionsRoot"),
        new Bloom(JsonHex.ToBytes(JsonHex.Required(e, "logsBloom"), "logsBloom")),
        JsonHex.ToHash(JsonHex.Required(e, "genesisStateRoot"), "genesisStateRoot"));

    private static JsonDocument Parse(string directory, string file)
    {
        string path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new FixtureException($"{directory}: no {file}");
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new FixtureException($"{path}: malformed JSON: {e.Message}");
        }
    }
}
