using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// Compares two block outcomes field by field: rejection message, roots, gas, bloom, every receipt and
/// transaction result, and the committed state itself (so a root mismatch names the accounts).
/// </summary>
public static class OutcomeDiff
{
    public static string? Find(BlockOutcome expected, BlockOutcome actual)
    {
        if (expected.Error is not null || actual.Error is not null)
        {
            if (expected.Error != actual.Error)
                return $"rejection differs:\n  sequential: {expected.Error ?? "accepted"}\n  parallel:   {actual.Error ?? "accepted"}";
            // Byzantium on, a rejected block leaves no trace; before, the sequential reference commits as it goes.
            if (actual.RootAfter != expected.RootAfter)
                return $"world state after the rejection {actual.RootAfter}, expected {expected.RootAfter} (genesis {expected.GenesisRoot})";
            return null;
        }
        BlockResult e = expected.Result!, a = actual.Result!;
        return Results(e, a) ?? (e.StateRoot != a.StateRoot ? $"state root {a.StateRoot}, expected {e.StateRoot}; {States(expected.Flat, actual.Flat)}" : null)
            ?? (States(expected.Flat, actual.Flat) is { Length: > 0 } d ? "state differs under equal roots: " + d : null);
    }

    public static string? Results(BlockResult e, BlockResult a)
    {
        if (e.Receipts.Count != a.Receipts.Count) return $"{a.Receipts.Count} receipts, expected {e.Receipts.Count}";
        if (e.Transactions.Count != a.Transactions.Count) return $"{a.Transactions.Count} transaction results, expected {e.Transactions.Count}";
        for (int i = 0; i < e.Receipts.Count; i++)
        {
            if (ReceiptDiff(e.Receipts[i], a.Receipts[i]) is { } r) return $"receipt {i}: {r}";
            if (TransactionDiff(e.Transactions[i], a.Transactions[i]) is { } t) return $"transaction {i}: {t}";
        }
        if (e.GasUsed != a.GasUsed) return $"gas used {a.GasUsed}, expected {e.GasUsed}";
        if (e.BlobGasUsed != a.BlobGasUsed) return $"blob gas used {a.BlobGasUsed}, expected {e.BlobGasUsed}";
        if (!e.LogsBloom.Equals(a.LogsBloom)) return "logs bloom differs";
        if (e.ReceiptsRoot != a.ReceiptsRoot) return $"receipts root {a.ReceiptsRoot}, expected {e.ReceiptsRoot}";
        return null;
    }

    private static string? ReceiptDiff(Receipt e, Receipt a)
    {
        if (e.Type != a.Type) return $"type {a.Type}, expected {e.Type}";
        if (e.Success != a.Success) return $"status {a.Success}, expected {e.Success}";
        if (e.PostStateRoot != a.PostStateRoot) return $"post-state root {a.PostStateRoot}, expected {e.PostStateRoot}";
        if (e.CumulativeGasUsed != a.CumulativeGasUsed) return $"cumulative gas {a.CumulativeGasUsed}, expected {e.CumulativeGasUsed}";
        if (!e.Bloom.Equals(a.Bloom)) return "bloom differs";
        return Logs(e.Logs, a.Logs);
    }

    private static string? TransactionDiff(TransactionResult e, TransactionResult a)
    {
        if (e.Error != a.Error) return $"error {a.Error}, expected {e.Error}";
        if (e.Status != a.Status) return $"status {a.Status}, expected {e.Status}";
        if (e.GasUsed != a.GasUsed) return $"gas used {a.GasUsed}, expected {e.GasUsed}";
        if (e.ContractAddress != a.ContractAddress) return $"contract address {a.ContractAddress}, expected {e.ContractAddress}";
        if (!e.Output.AsSpan().SequenceEqual(a.Output)) return "output differs";
        return Logs(e.Logs, a.Logs);
    }

    private static string? Logs(IReadOnlyList<LogEntry> e, IReadOnlyList<LogEntry> a)
    {
        if (e.Count != a.Count) return $"{a.Count} logs, expected {e.Count}";
        for (int i = 0; i < e.Count; i++)
        {
            if (e[i].Address != a[i].Address) return $"log {i} address {a[i].Address}, expected {e[i].Address}";
            if (!e[i].Topics.AsSpan().SequenceEqual(a[i].Topics)) return $"log {i} topics differ";
            if (!e[i].Data.AsSpan().SequenceEqual(a[i].Data)) return $"log {i} data {Convert.ToHexString(a[i].Data)}, expected {Convert.ToHexString(e[i].Data)}";
        }
        return null;
    }

    /// <summary>Up to six accounts whose record or storage differ, or an empty string.</summary>
    public static string States(InMemoryState e, InMemoryState a)
    {
        var differences = new List<string>();
        foreach (Address address in e.Accounts.Keys.Union(a.Accounts.Keys).Order())
        {
            bool inE = e.TryGetAccount(address, out AccountRecord re), inA = a.TryGetAccount(address, out AccountRecord ra);
            if (inE != inA || re != ra)
                differences.Add($"{address}: {(inA ? Show(ra) : "missing")}, expected {(inE ? Show(re) : "missing")}");
            else if (Storage(e.StorageOf(address), a.StorageOf(address)) is { } s)
                differences.Add($"{address} storage: {s}");
            else if (inA && ra.HasCode && !HasCode(a, ra.CodeHash))
                differences.Add($"{address}: code {ra.CodeHash} was not committed");
            if (differences.Count == 6) break;
        }
        return string.Join("; ", differences);
    }

    private static bool HasCode(InMemoryState state, Hash256 codeHash)
    {
        try
        {
            return state.GetCode(codeHash).Length > 0;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    private static string Show(AccountRecord r) => $"nonce {r.Nonce} balance {r.Balance} code {(r.HasCode ? r.CodeHash.ToString()[..10] : "none")}";

    private static string? Storage(IReadOnlyDictionary<UInt256, UInt256> e, IReadOnlyDictionary<UInt256, UInt256> a)
    {
        foreach (UInt256 slot in e.Keys.Union(a.Keys))
        {
            UInt256 ve = e.GetValueOrDefault(slot), va = a.GetValueOrDefault(slot);
            if (ve != va) return $"slot {slot} = {va}, expected {ve}";
        }
        return null;
    }
}
