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
/// Apart from those, it learns what the block's first call with such a value wrote: state a contract
/// updates once per block (a pair's price accumulators, written by its first swap of a block) is read
/// ahead for every later block's calls with that value, though it does not group them.
/// </summary>
public sealed class ArgumentKeyedSlots
{
    private const int Words = 8;
    private const int MaxCells = 16;
    private const int MaxEntries = 100_000;
    private const int MaxFirstCallCells = 16;

    private sealed class Entry
    {
        public int Seen;
        public HashSet<StorageCell> Writes = [];
        public HashSet<StorageCell> Reads = [];
    }

    private readonly Dictionary<(Address To, uint Selector, int Word, UInt256 Value), Entry> _entries = [];
    private readonly Dictionary<(Address To, uint Selector, int Word, UInt256 Value), HashSet<StorageCell>> _firstCalls = [];

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
            if (_firstCalls.TryGetValue((key.Item1, key.Item2, j, value), out HashSet<StorageCell>? first))
                foreach (StorageCell cell in first)
                    if (!entry.Reads.Contains(cell) && !entry.Writes.Contains(cell)) yield return new PredictedCell(cell, Written: false);
        }
    }

    /// <summary>
    /// Learns what the first call with each recurring argument value wrote in this block (all of the
    /// block's transactions, not a sample: a first call is one transaction per value), intersected with
    /// what earlier blocks' first calls wrote.
    /// </summary>
    public void LearnFirstCalls(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        var first = new Dictionary<(Address, uint, int, UInt256), (int Index, int Calls)>();
        for (int i = 0; i < transactions.Count; i++)
        {
            if (SlotPredictor.CallKey(transactions[i]) is not { } key) continue;
            for (int j = 0; j < Words; j++)
            {
                if (Word(transactions[i], j) is not { } value) continue;
                ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(first, (key.Item1, key.Item2, j, value), out bool exists);
                seen = exists ? (seen.Index, seen.Calls + 1) : (i, 1);
            }
        }
        foreach (var (id, (index, calls)) in first)
        {
            if (calls < 2 || outcomes[index]?.Changes is not { } changes) continue;
            IEnumerable<StorageCell> written = changes.Storage.Select(w => w.Cell);
            if (_firstCalls.TryGetValue(id, out HashSet<StorageCell>? cells)) cells.IntersectWith(written);
            else if (_firstCalls.Count < MaxEntries) _firstCalls[id] = cells = written.ToHashSet();
            else continue;
            if (cells.Count > MaxFirstCallCells) cells.Clear();
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

    public void Forget()
    {
        _entries.Clear();
        _firstCalls.Clear();
    }

    private static UInt256? Word(Transaction tx, int j)
    {
        int start = 4 + 32 * j;
        return tx.Data.Length >= start + 32 ? new UInt256(tx.Data.AsSpan(start, 32)) : null;
    }
}
