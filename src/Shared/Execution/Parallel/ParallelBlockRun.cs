using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Parallel;

/// <summary>
/// One block's parallel execution. Index i in multi-version memory is transaction i − 1; index 0
/// holds the block's system-call writes, which every transaction sees.
///
/// Each worker loops: commit what it can (one worker at a time is the committer), else claim the next
/// transaction and speculate it, else wait. The committer takes transaction k once its speculation is
/// done, checks the block limits, validates the read set against the block state (the exact state
/// after 0..k−1), and either applies the speculative writes plus the deferred fee credit or
/// re-executes the transaction against the block state. Either way the block state after k equals
/// sequential execution; the final writes are republished for later speculations.
/// </summary>
internal sealed partial class ParallelBlockRun
{
    private readonly ParallelExecutionOptions _options;
    private readonly BlockContext _context;
    private readonly BlockHeader _header;
    private readonly IReadOnlyList<Transaction> _transactions;
    private readonly IStateReader _preBlock;
    private readonly BlockState _block;
    private readonly MultiVersionMemory _memory;
    /// <summary>The read-set validator's shortcut for storage nothing wrote (<see cref="MultiVersionMemory.NeverWritten"/>).</summary>
    private readonly Func<StorageCell, bool> _neverWritten;
    private readonly SpeculationSlot[] _slots;
    private readonly Receipt[] _receipts;
    private readonly TransactionResult[] _results;
    /// <summary>
    /// 1 while a worker is the committer. A plain flag taken by compare-and-swap: workers try it between
    /// every speculation, and a monitor, once contended, kept them all on its slow path.
    /// </summary>
    private int _committer;
    private readonly Queue<bool> _recentReexecutions = new();
    private int _recentReexecutionCount;
    /// <summary>
    /// Write sets reused by transaction index modulo the ring's size: speculation never runs further ahead
    /// of the commit point than half the ring, so the transaction that last used an entry has committed.
    /// (A shared pool had the committer and the speculating threads taking turns at one lock per transaction.)
    /// </summary>
    private readonly StateChanges?[] _changesRing;
    /// <summary>Batch mode (a worker's share of a block): each transaction's outcome, kept for the coordinator.</summary>
    private readonly Distributed.SpeculativeOutcome[]? _outcomes;

    /// <summary>
    /// Per transaction, the index of the same sender's previous transaction in the block, or -1. Worker 0 fills it in
    /// as the block starts, while the others are being woken; entries below <see cref="_previousKnown"/> are final.
    /// </summary>
    private readonly int[] _previousFromSender;
    private int _previousKnown;

    /// <summary>
    /// The receipts trie, hashed a chunk of 256 committed receipts at a time by whichever worker has nothing
    /// better to do (null in batch mode, which makes no receipts). Done after the block it would be the
    /// post-block phase that two threads share least well.
    /// </summary>
    private readonly ListRootChunks? _receiptChunks;
    private int _nextReceiptChunk = 1;

    /// <summary>The block's bloom, gathered by the committer from the receipts that have logs (most blooms are empty).</summary>
    private readonly Bloom _logsBloom = new();

    /// <summary>Set when every transaction is committed or the run failed.</summary>
    private readonly ManualResetEventSlim _finished = new(false);

    private int _nextSpeculation;
    private int _committed;
    private volatile bool _sequentialFallback;
    private volatile Exception? _failure;
    private long _gasUsed;
    private ulong _blobGasUsed;
    private int _executions, _reexecutions, _sequentialExecutions, _staleAccount, _staleStorage, _stalePresence, _feeRecipient, _failedSpeculations;

    public ParallelBlockRun(ParallelExecutionOptions options, BlockContext context, BlockHeader header, IReadOnlyList<Transaction> transactions,
        IStateReader world, Distributed.SpeculativeOutcome[]? batchOutcomes = null)
    {
        _outcomes = batchOutcomes;
        _options = options;
        _context = context;
        _header = header;
        _transactions = transactions;
        _preBlock = world;
        _block = new BlockState(world);
        _memory = new MultiVersionMemory(transactions.Count + 1, transactions.Count * 4);
        _neverWritten = _memory.NeverWritten;
        _slots = new SpeculationSlot[transactions.Count];
        for (int i = 0; i < _slots.Length; i++) _slots[i] = new SpeculationSlot();
        _receipts = new Receipt[transactions.Count];
        _previousFromSender = new int[transactions.Count];
        _changesRing = new StateChanges?[2 * (options.LookaheadPerThread + 1) * Math.Max(1, options.Threads)];
        _results = new TransactionResult[transactions.Count];
        if (batchOutcomes is null) _receiptChunks = new ListRootChunks(transactions.Count);
    }

    /// <summary>Batch mode: runs the transactions without the block's fences; the outcomes land in the array given to the constructor.</summary>
    public void ExecuteBatch(LargeStackWorkerPool pool)
    {
        pool.Run(RunWorker);
        if (_failure is not null) throw new InvalidOperationException("batch execution failed", _failure);
    }

    public BlockResult Execute(LargeStackWorkerPool pool, IReadOnlyList<BlockHeader> uncles, IReadOnlyList<Withdrawal>? withdrawals)
    {
        var fences = new BlockFences(new TransactionProcessor());
        if (fences.BeforeTransactions(_context, _header, _block) is { } systemWrites) _memory.Publish(0, systemWrites);

        pool.Run(RunWorker);
        if (_failure is not null)
        {
            if (_failure is InvalidBlockException invalid) throw new InvalidBlockException(invalid.Message);
            throw new InvalidOperationException("parallel execution failed", _failure);
        }

        fences.AfterTransactions(_context, _header, uncles, withdrawals, _block);
        return BlockResult.From(_receipts, _results, _gasUsed, _blobGasUsed, _block, _options.Threads, _logsBloom, _receiptChunks);
    }

    public ParallelStatistics Statistics() => new()
    {
        Transactions = _transactions.Count, Executions = _executions, Reexecutions = _reexecutions, SequentialExecutions = _sequentialExecutions,
        StaleAccountReads = _staleAccount, StaleStorageReads = _staleStorage, StaleStoragePresenceReads = _stalePresence,
        FeeRecipientTouches = _feeRecipient, FailedSpeculations = _failedSpeculations, FallbackUsed = _sequentialFallback,
    };

    private bool Finished => Volatile.Read(ref _committed) >= _transactions.Count || _failure is not null;

    /// <summary>Claims the next transaction to speculate on, unless speculation is off or too far ahead.</summary>
    private bool TryClaim(out int index)
    {
        index = -1;
        if (_sequentialFallback) return false;
        int limit = Volatile.Read(ref _committed) + _options.LookaheadPerThread * Math.Max(1, _options.Threads);
        if (Volatile.Read(ref _nextSpeculation) >= Math.Min(limit, _transactions.Count)) return false;
        index = Interlocked.Increment(ref _nextSpeculation) - 1;
        if (index >= _transactions.Count) return false;
        return Interlocked.CompareExchange(ref _slots[index].State, SpeculationSlot.Claimed, SpeculationSlot.Pending) == SpeculationSlot.Pending;
    }

    /// <summary>Records whether the last commit needed a re-execution; too many switch the block to sequential.</summary>
    private void CountConflict(bool reexecuted)
    {
        _recentReexecutions.Enqueue(reexecuted);
        if (reexecuted) _recentReexecutionCount++;
        if (_recentReexecutions.Count > _options.ConflictWindow && _recentReexecutions.Dequeue()) _recentReexecutionCount--;
        if (_recentReexecutions.Count == _options.ConflictWindow && _recentReexecutionCount >= _options.ConflictLimit)
            _sequentialFallback = true;
    }

    private void Fail(Exception e)
    {
        _failure ??= e;
        _finished.Set();
    }

    /// <summary>Marks transaction <paramref name="index"/> committed; the last one releases the waiting workers.</summary>
    private void Committed(int index)
    {
        Volatile.Write(ref _committed, index + 1);
        if (index + 1 == _transactions.Count) _finished.Set();
    }

    /// <summary>
    /// Worker 0 first finds each sender's previous transaction (half a millisecond for 10,000 transactions, one cache
    /// miss each) while the other workers are woken and start, so the block does not wait for it.
    /// </summary>
    private void RunWorker(int index)
    {
        if (index == 0)
        {
            try
            {
                FindPreviousFromSameSender();
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }
        }
        new Worker(this).Run();
    }

    /// <summary>The index of the sender's previous transaction in the block, or -1; waits the few microseconds until it is known.</summary>
    private int PreviousFromSameSender(int index)
    {
        var wait = new SpinWait();
        while (index >= Volatile.Read(ref _previousKnown)) wait.SpinOnce(sleep1Threshold: -1);
        return _previousFromSender[index];
    }

    private void FindPreviousFromSameSender()
    {
        // Progress is published every this many entries, so a worker that needs one waits about ten microseconds at most.
        const int Step = 256;
        int[] previous = _previousFromSender;
        try
        {
            var last = new Dictionary<Address, int>(_transactions.Count);
            for (int i = 0; i < _transactions.Count; i++)
            {
                ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(last, _transactions[i].Sender, out bool seen);
                previous[i] = seen ? slot : -1;
                slot = i;
                if ((i + 1) % Step == 0) Volatile.Write(ref _previousKnown, i + 1);
            }
        }
        finally
        {
            // Even after a failure, so no worker waits for entries that will never come (the run fails anyway).
            Volatile.Write(ref _previousKnown, _transactions.Count);
        }
    }

    /// <summary>An empty write set for transaction <paramref name="index"/>'s speculation.</summary>
    private StateChanges ChangesFor(int index)
    {
        ref StateChanges? entry = ref _changesRing[index % _changesRing.Length];
        if (entry is null) entry = new StateChanges();
        else entry.Clear();
        return entry;
    }

    /// <summary>Hands transaction <paramref name="index"/>'s write set over for good (a batch keeps it): the ring makes a new one.</summary>
    private void Release(int index) => _changesRing[index % _changesRing.Length] = null;

    private Address Coinbase => _context.Coinbase;
}
