using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// A block read from its JSON-RPC form. The RPC form names uncles by hash only, so there are no uncle
/// headers; the senders are the <c>from</c> fields as the JSON states them, unverified.
/// </summary>
/// <param name="Header">The header, already checked against the JSON <c>hash</c>.</param>
/// <param name="Transactions">The transactions, each already checked against its JSON <c>hash</c>.</param>
/// <param name="DeclaredSenders">The <c>from</c> of each transaction, as the JSON states it.</param>
/// <param name="UncleHashes">The <c>uncles</c> hashes.</param>
/// <param name="Withdrawals">The withdrawals (Shanghai on), or null when the block has none.</param>
public sealed record RpcBlock(
    BlockHeader Header,
    IReadOnlyList<SignedTransaction> Transactions,
    IReadOnlyList<Address> DeclaredSenders,
    IReadOnlyList<Hash256> UncleHashes,
    IReadOnlyList<Withdrawal>? Withdrawals);

/// <summary>
/// Reads the JSON of <c>eth_getBlockByNumber(n, true)</c>: header fields, full transaction objects and
/// withdrawals. Every transaction is rebuilt from its fields and must hash to its <c>hash</c>; the header
/// must hash to the block's <c>hash</c>. Mismatches and malformed fields are <see cref="FixtureException"/>s
/// that name the transaction index or field.
/// </summary>
public static class RpcBlockReader
{
    /// <summary>Reads a block.json file.</summary>
    public static RpcBlock ReadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(stream);
        return Read(document.RootElement);
    }

    /// <summary>Reads a block object.</summary>
    public static RpcBlock Read(JsonElement block)
    {
        BlockHeader header = BlockHeaderJson.ReadRpc(block);
        string where = $"block {header.Number}";

        var transactions = new List<SignedTransaction>();
        var senders = new List<Address>();
        JsonElement txs = JsonHex.Required(block, "transactions");
        foreach (JsonElement tx in txs.EnumerateArray())
        {
            int index = transactions.Count;
            string context = $"{where} transactions[{index}]";
            if (tx.ValueKind == JsonValueKind.String)
                throw new FixtureException($"{context}: a transaction hash, not an object (fetch the block with full transactions)");
            SignedTransaction signed = JsonTransactionReader.Read(tx, context);
            Hash256 declared = JsonTransactionReader.DeclaredHash(tx, context);
            if (signed.Hash != declared)
                throw new FixtureException($"{where} transaction {index}: the fields hash to {signed.Hash}, but 'hash' is {declared}");
            transactions.Add(signed);
            senders.Add(JsonTransactionReader.DeclaredSender(tx, context));
        }

        var uncles = new List<Hash256>();
        if (block.TryGetProperty("uncles", out JsonElement uncleArray))
        {
            foreach (JsonElement u in uncleArray.EnumerateArray()) uncles.Add(JsonHex.ToHash(u, $"{where} uncles[{uncles.Count}]"));
        }

        List<Withdrawal>? withdrawals = null;
        if (block.TryGetProperty("withdrawals", out JsonElement withdrawalArray) && withdrawalArray.ValueKind == JsonValueKind.Array)
        {
            withdrawals = [];
            foreach (JsonElement w in withdrawalArray.EnumerateArray()) withdrawals.Add(ReadWithdrawal(w, $"{where} withdrawals[{withdrawals.Count}]"));
        }
        return new RpcBlock(header, transactions, senders, uncles, withdrawals);
    }

    /// <summary>Reads a withdrawal object {index, validatorIndex, address, amount}.</summary>
    public static Withdrawal ReadWithdrawal(JsonElement w, string context) => new(
        JsonHex.ToULong(JsonHex.Required(w, "index"), $"{context}.index"),
        JsonHex.ToULong(JsonHex.Required(w, "validatorIndex"), $"{context}.validatorIndex"),
        JsonHex.ToAddress(JsonHex.Required(w, "address"), $"{context}.address"),
        JsonHex.ToULong(JsonHex.Required(w, "amount"), $"{context}.amount"));
}
