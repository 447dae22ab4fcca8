using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Receipts;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// Reads block headers from JSON: the JSON-RPC block object (<c>eth_getBlockByNumber</c>) and the
/// <c>blockHeader</c> / <c>genesisBlockHeader</c> objects of Ethereum block tests. Both carry the block's
/// <c>hash</c>, and the header built from the fields must hash to it: a mismatch is a <see cref="FixtureException"/>.
/// </summary>
public static class BlockHeaderJson
{
    /// <summary>The field names of one JSON dialect, for the fields whose names differ.</summary>
    private sealed record Names(string OmmersHash, string Beneficiary, string TransactionsRoot, string ReceiptsRoot, string LogsBloom);

    private static readonly Names Rpc = new("sha3Uncles", "miner", "transactionsRoot", "receiptsRoot", "logsBloom");
    private static readonly Names BlockTest = new("uncleHash", "coinbase", "transactionsTrie", "receiptTrie", "bloom");

    /// <summary>The header of a JSON-RPC block object, checked against its <c>hash</c>.</summary>
    public static BlockHeader ReadRpc(JsonElement block) => ReadChecked(block, Rpc);

    /// <summary>A block-test header object, checked against its <c>hash</c>.</summary>
    public static BlockHeader ReadBlockTest(JsonElement header) => ReadChecked(header, BlockTest);

    private static BlockHeader ReadChecked(JsonElement json, Names names)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new FixtureException($"expected a header object, got {json.ValueKind}");
        BlockHeader header = Read(json, names);
        Hash256 declared = JsonHex.ToHash(JsonHex.Required(json, "hash"), "hash");
        if (header.Hash != declared)
            throw new FixtureException($"block {header.Number}: the header fields hash to {header.Hash}, but 'hash' is {declared}");
        return header;
    }

    private static BlockHeader Read(JsonElement j, Names n)
    {
        byte[] bloom = JsonHex.ToBytes(JsonHex.Required(j, n.LogsBloom), n.LogsBloom);
        if (bloom.Length != Bloom.Size) throw new FixtureException($"field '{n.LogsBloom}': {bloom.Length} bytes, expected {Bloom.Size}");
        byte[] nonce = JsonHex.ToBytes(JsonHex.Required(j, "nonce"), "nonce");
        if (nonce.Length > 8) throw new FixtureException($"field 'nonce': {nonce.Length} bytes, expected 8");
        ulong nonceValue = 0;
        foreach (byte b in nonce) nonceValue = (nonceValue << 8) | b;

        return new BlockHeader
        {
            ParentHash = Hash(j, "parentHash"),
            OmmersHash = Hash(j, n.OmmersHash),
            Beneficiary = JsonHex.ToAddress(JsonHex.Required(j, n.Beneficiary), n.Beneficiary),
            StateRoot = Hash(j, "stateRoot"),
            TransactionsRoot = Hash(j, n.TransactionsRoot),
            ReceiptsRoot = Hash(j, n.ReceiptsRoot),
            LogsBloom = new Bloom(bloom),
            Difficulty = JsonHex.ToUInt256(JsonHex.Required(j, "difficulty"), "difficulty"),
            Number = JsonHex.ToLong(JsonHex.Required(j, "number"), "number"),
            GasLimit = JsonHex.ToLong(JsonHex.Required(j, "gasLimit"), "gasLimit"),
            GasUsed = JsonHex.ToLong(JsonHex.Required(j, "gasUsed"), "gasUsed"),
            Timestamp = JsonHex.ToULong(JsonHex.Required(j, "timestamp"), "timestamp"),
            ExtraData = JsonHex.ToBytes(JsonHex.Required(j, "extraData"), "extraData"),
            MixHash = Hash(j, "mixHash"),
            Nonce = nonceValue,
            BaseFeePerGas = Optional(j, "baseFeePerGas", e => JsonHex.ToUInt256(e, "baseFeePerGas")),
            WithdrawalsRoot = Optional(j, "withdrawalsRoot", e => JsonHex.ToHash(e, "withdrawalsRoot")),
            BlobGasUsed = Optional(j, "blobGasUsed", e => JsonHex.ToULong(e, "blobGasUsed")),
            ExcessBlobGas = Optional(j, "excessBlobGas", e => JsonHex.ToULong(e, "excessBlobGas")),
            ParentBeaconBlockRoot = Optional(j, "parentBeaconBlockRoot", e => JsonHex.ToHash(e, "parentBeaconBlockRoot")),
        };
    }

    private static Hash256 Hash(JsonElement j, string name)
    {
        JsonElement e = JsonHex.Required(j, name);
        byte[] bytes = JsonHex.ToBytes(e, name);
        return bytes.Length == Hash256.Size ? new Hash256(bytes) : throw new FixtureException($"field '{name}': {bytes.Length} bytes, expected 32");
    }

    private static T? Optional<T>(JsonElement j, string name, Func<JsonElement, T> read) where T : struct =>
        j.TryGetProperty(name, out JsonElement e) && e.ValueKind != JsonValueKind.Null ? read(e) : null;
}
