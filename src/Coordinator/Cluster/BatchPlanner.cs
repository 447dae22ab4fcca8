using EvmCluster.Evm.Core;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// A storage cell a transaction is predicted to touch: whether it is predicted to write it (which groups
/// transactions) and whether it is worth reading ahead (a call touching too many cells gets none read ahead).
/// </summary>
public readonly record struct PredictedCell(StorageCell Cell, bool Written, bool Prefetch = true);

/// <summary>
/// Plans a block's batches (DESIGN §6.2). Transactions predicted to touch a common key — one sender,
/// the recipient of a plain transfer, a storage slot that earlier blocks showed most calls of the
/// same contract and selector write — are kept in one batch, where the worker's Block-STM orders them;
/// groups then go to the worker owning most of their keys unless that would overload it. The plan
/// only moves work around: validation makes any plan correct.
/// </summary>
public sealed class BatchPlanner
{
    private const int MaxHotSlotsPerCall = 8;
    private const int MaxLearnedPerBlock = 2048;
    private readonly Dictionary<(Address To, uint Selector), StorageCell[]> _hotSlots = [];
    private readonly SlotPredictor _mappingSlots = new();
    private readonly ArgumentKeyedSlots _argumentSlots = new();

    /// <summary>The storage slots predicted for <paramref name="tx"/>: hot slots of its call, and mapping and argument-keyed slots.</summary>
    public IEnumerable<StorageCell> HotSlots(Transaction tx)
    {
        WaitForLearning();
        var cells = new List<PredictedCell>();
        Predict(tx, cells);
        return cells.Where(c => c.Prefetch).Select(c => c.Cell);
    }

    /// <summary>Adds <paramref name="tx"/>'s predicted cells to <paramref name="cells"/>.</summary>
    private void Predict(Transaction tx, List<PredictedCell> cells)
    {
        if (CallKey(tx) is { } key && _hotSlots.TryGetValue(key, out StorageCell[]? hot))
            foreach (StorageCell cell in hot) cells.Add(new PredictedCell(cell, Written: true));
        foreach (PredictedCell cell in _mappingSlots.Predict(tx)) cells.Add(cell);
        foreach (PredictedCell cell in _argumentSlots.Predict(tx)) cells.Add(cell);
    }

    [ThreadStatic]
    private static List<PredictedCell>? t_cells;

    /// <summary>
    /// Every transaction's predicted cells, computed once per block on <paramref name="threads"/> threads of the
    /// shared worker pool (mapping slots cost a hash each; the learned tables are only read here).
    /// </summary>
    public PredictedCell[][] PredictAll(IReadOnlyList<Transaction> transactions, int threads)
    {
        WaitForLearning();
        var predicted = new PredictedCell[transactions.Count][];
        Parallelism.For(transactions.Count, threads, i =>
        {
            List<PredictedCell> cells = t_cells ??= [];
            cells.Clear();
            Predict(transactions[i], cells);
            predicted[i] = cells.Count == 0 ? [] : cells.ToArray();
        });
        return predicted;
    }

    /// <summary>Worker index per transaction. <paramref name="workerOf"/> gives the worker owning an account's shard.</summary>
    public int[] Plan(IReadOnlyList<Transaction> transactions, int workers, Func<Address, int> workerOf) =>
        Plan(transactions, PredictAll(transactions, 1), workers, workerOf);

    /// <summary>As <see cref="Plan(IReadOnlyList{Transaction}, int, Func{Address, int})"/>, with the cells <see cref="PredictAll"/> gave.</summary>
    public int[] Plan(IReadOnlyList<Transaction> transactions, PredictedCell[][] predicted, int workers, Func<Address, int> workerOf)
    {
        WaitForLearning();
        int n = transactions.Count;
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        var accountToucher = new Dictionary<Address, int>(n);
        var cellToucher = new Dictionary<StorageCell, int>();
        for (int i = 0; i < n; i++)
        {
            Transaction tx = transactions[i];
            Join(parent, accountToucher, tx.Sender, i);
            if (tx.To is { } to && tx.Data.Length == 0) Join(parent, accountToucher, to, i);
            foreach (PredictedCell cell in predicted[i])
                if (cell.Written) Join(parent, cellToucher, cell.Cell, i);
        }

        var groups = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            int root = Find(parent, i);
            if (!groups.TryGetValue(root, out List<int>? members)) groups[root] = members = [];
            members.Add(i);
        }

        var plan = new int[n];
        var load = new int[workers];
        int fair = (n + workers - 1) / workers;
        var votes = new int[workers];
        foreach (List<int> group in groups.Values.OrderByDescending(g => g.Count).ThenBy(g => g[0]))
        {
            Array.Clear(votes);
            foreach (int i in group.Take(16))
            {
                votes[workerOf(transactions[i].Sender)]++;
                if (transactions[i].To is { } to) votes[workerOf(to)]++;
            }
            int home = Array.IndexOf(votes, votes.Max());
            int least = Array.IndexOf(load, load.Min());
            int chosen = load[home] + group.Count <= fair || home == least ? home : least;
            foreach (int i in group) plan[i] = chosen;
            load[chosen] += group.Count;
        }
        return plan;
    }

    /// <summary>
    /// Learns, per contract and selector, the slots most of this block's calls wrote (and the mapping and
    /// argument rules). A large block is learned from an even sample of its transactions: the shapes
    /// learned are the block's frequent ones, and learning stays a small part of the block's time.
    /// </summary>
    public void Learn(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        WaitForLearning();
        LearnNow(transactions, outcomes);
    }

    /// <summary>
    /// <see cref="Learn"/> on a pool thread, so a block's reply need not wait for it: the learning
    /// overlaps the next block's arrival and sender recovery, and every other call waits for it first.
    /// A failure surfaces at that next call.
    /// </summary>
    public void LearnInBackground(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        WaitForLearning();
        _learning = Task.Run(() => LearnNow(transactions, outcomes));
    }

    private Task _learning = Task.CompletedTask;

    private void WaitForLearning()
    {
        Task learning = _learning;
        if (learning.IsCompletedSuccessfully) return;
        _learning = Task.CompletedTask;
        learning.GetAwaiter().GetResult();
    }

    private void LearnNow(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        _argumentSlots.LearnFirstCalls(transactions, outcomes);
        if (transactions.Count > MaxLearnedPerBlock)
        {
            int stride = (transactions.Count + MaxLearnedPerBlock - 1) / MaxLearnedPerBlock;
            var sampled = new List<Transaction>(MaxLearnedPerBlock);
            var sampledOutcomes = new List<SpeculativeOutcome?>(MaxLearnedPerBlock);
            for (int i = 0; i < transactions.Count; i += stride)
            {
                sampled.Add(transactions[i]);
                sampledOutcomes.Add(outcomes[i]);
            }
            (transactions, outcomes) = (sampled, sampledOutcomes);
        }
        _mappingSlots.Learn(transactions, outcomes);
        _argumentSlots.Learn(transactions, outcomes);
        var calls = new Dictionary<(Address, uint), (int Count, Dictionary<StorageCell, int> Writes)>();
        for (int i = 0; i < transactions.Count; i++)
        {
            if (CallKey(transactions[i]) is not { } key || outcomes[i]?.Changes is not { } changes) continue;
            if (!calls.TryGetValue(key, out var seen)) seen = (0, []);
            foreach (StorageWrite write in changes.Storage) seen.Writes[write.Cell] = seen.Writes.GetValueOrDefault(write.Cell) + 1;
            calls[key] = (seen.Count + 1, seen.Writes);
        }
        foreach (var (key, (count, writes)) in calls)
        {
            if (count < 2) continue;
            StorageCell[] hot = writes.Where(w => w.Value * 2 > count).OrderByDescending(w => w.Value)
                .Take(MaxHotSlotsPerCall).Select(w => w.Key).ToArray();
            if (hot.Length > 0) _hotSlots[key] = hot;
            else _hotSlots.Remove(key);
        }
    }

    public void Forget()
    {
        WaitForLearning();
        _hotSlots.Clear();
        _mappingSlots.Forget();
        _argumentSlots.Forget();
    }

    private static (Address, uint)? CallKey(Transaction tx) => SlotPredictor.CallKey(tx);

    private static void Join<TKey>(int[] parent, Dictionary<TKey, int> firstToucher, TKey key, int i) where TKey : notnull
    {
        ref int other = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(firstToucher, key, out bool exists);
        if (exists) parent[Find(parent, i)] = Find(parent, other);
        else other = i;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
}
