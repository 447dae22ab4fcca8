using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// Learns which storage a call touches because of one of its arguments: for a contract and selector,
/// calls whose calldata word j has the same value (a token in a swap path, a pool address) keep
/// touching the same cells, wherever those live. Only argument values that recur within a block are
/// learned (amounts and deadlines do not), and a cell is kept only while every such call touched it.
/// </summary>
public sealed class ArgumentKeyedSlots
{
    private const int Words = 8;
    private const int MaxCells = 16;
    private const int MaxEntries = 100_000;

    private sealed class Entry
    {
        public int Seen;
        public HashSet<StorageCell> Writes = [];
        public HashSet<StorageCell> Reads = [];
    }

    private readonly Dictionary<(Address To, uint Selector, int Word, UInt256 Value), Entry> _entries = [];

    /// <summary>Cells <paramref name="tx"/> is expected to touch, each with whether it is expected to write it.</summary>
    public IEnumerable<PredictedCell> Predict(Transaction tx)
    {
        if (SlotPredictor.CallKey(tx) is not { } key) yield break;
        for (int j = 0; j < Words; j++)
        {
            if (Word(tx, j) is not { } value || !_entries.TryGetValue((key.Item1, key.Item2, j, value), out Entry? entry) || entry.Seen < 2) continue;
            foreach (StorageCell cell in entry.Reads) yield return new PredictedCell(cell, entry.Writes.Contains(cell));
            foreach (StorageCell cell in entry.Writes)
                if (!entry.Reads.Contains(cell)) yield return new PredictedCell(cell, Written: true, Prefetch: false);
        }
    }

    public void Learn(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        var recurring = new Dictionary<(Address, uint, int, UInt256), int>();
        foreach (Transaction tx in transactions)
        {
            if (SlotPredictor.CallKey(tx) is not { } key) continue;
            for (int j = 0; j < Words; j++)
                if (Word(tx, j) is { } value) recurring[(key.Item1, key.Item2, j, value)] = recurring.GetValueOrDefault((key.Item1, key.Item2, j, value)) + 1;
        }
        for (int i = 0; i < transactions.Count; i++)
        {
            Transaction tx = transactions[i];
            if (SlotPredictor.CallKey(tx) is not { } key || outcomes[i]?.Changes is not { } changes) continue;
            for (int j = 0; j < Words; j++)
            {
                if (Word(tx, j) is not { } value) continue;
                var id = (key.Item1, key.Item2, j, value);
                if (recurring[id] < 2) continue;
                if (!_entries.TryGetValue(id, out Entry? entry))
                {
                    if (_entries.Count >= MaxEntries) continue;
                    _entries[id] = entry = new Entry
                    {
                        Writes = changes.Storage.Select(w => w.Cell).ToHashSet(),
                        Reads = changes.StorageReads.Keys.Concat(changes.Storage.Select(w => w.Cell)).ToHashSet(),
                    };
                }
                else
                {
                    entry.Writes.IntersectWith(changes.Storage.Select(w => w.Cell));
                    entry.Reads.IntersectWith(changes.StorageReads.Keys.Concat(changes.Storage.Select(w => w.Cell)));
                }
                entry.Seen++;
                // Judge the size only once calls have been intersected: a first call also touches cells of its own.
                if (entry.Seen >= 2 && entry.Reads.Count > MaxCells) entry.Reads.Clear();
                if (entry.Seen >= 2 && entry.Writes.Count > MaxCells) entry.Writes.Clear();
            }
        }
    }

    public void Forget() => _entries.Clear();

    private static UInt256? Word(Transaction tx, int j)
    {
        int start = 4 + 32 * j;
        return tx.Data.Length >= start + 32 ? new UInt256(tx.Data.AsSpan(start, 32)) : null;
    }
}
