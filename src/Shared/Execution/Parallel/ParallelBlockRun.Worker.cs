using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Parallel;

internal sealed partial class ParallelBlockRun
{
    /// <summary>One thread's tools: its own EVM, transaction state and scratch write set.</summary>
    private sealed class Worker
    {
        private readonly ParallelBlockRun _run;
        private readonly TransactionProcessor _processor = new();
        private readonly TransactionState _state;
        private readonly SpeculativeStateView _view;
        private readonly StateChanges _scratch = new();

        public Worker(ParallelBlockRun run)
        {
            _run = run;
            _view = new SpeculativeStateView(run._memory, run._preBlock);
            _state = new TransactionState(_view);
        }

        public void Run()
        {
            var wait = new SpinWait();
            while (!_run.Finished)
            {
                try
                {
                    if (TryCommit() || TryHashReceipts() || TrySpeculate())
                    {
                        wait.Reset();
                        continue;
                    }
                }
                catch (Exception e)
                {
                    _run.Fail(e);
                    return;
                }
                // In sequential fallback only the committer has work: wait quietly, but wake at once when the
                // block is done (a 1 ms sleep was a small block's whole tail) and retry now and then, in case
                // the committer let go just as this worker's last try found the role taken.
                if (_run._sequentialFallback) _run._finished.Wait(1);
                else wait.SpinOnce(sleep1Threshold: -1);
            }
        }

        /// <summary>Hashes the next chunk of the receipts trie if all its receipts are committed; false if none is ready.</summary>
        private bool TryHashReceipts()
        {
            ListRootChunks? chunks = _run._receiptChunks;
            if (chunks is null) return false;
            int chunk = Volatile.Read(ref _run._nextReceiptChunk);
            if (!chunks.IsReady(chunk, Volatile.Read(ref _run._committed))) return false;
            // Another worker took it: there may be another, so report work done and look again.
            if (Interlocked.CompareExchange(ref _run._nextReceiptChunk, chunk + 1, chunk) != chunk) return true;
            Receipt[] receipts = _run._receipts;
            chunks.HashChunk(chunk, i => ReceiptCodec.Encode(receipts[i]));
            return true;
        }

        private bool TrySpeculate()
        {
            if (!_run.TryClaim(out int i)) return false;
            SpeculationSlot slot = _run._slots[i];
            if (LeaveToCommitter(i))
            {
                slot.Result = null;
                slot.WasSpeculated = false;
                Volatile.Write(ref slot.State, SpeculationSlot.Done);
                return true;
            }
            StateChanges changes = _run.ChangesFor(i);
            slot.Changes = changes;
            _view.TransactionIndex = i + 1;
            _state.Reset(_view);
            try
            {
                TransactionResult result = _processor.Execute(_run._transactions[i], _run._context, _state, deferCredits: true);
                if (result.IsValid)
                {
                    _state.Finish(_run._context.Spec.ClearEmptyAccounts, changes);
                    _run._memory.Publish(i + 1, changes);
                    // Hash the logs into the receipt bloom here, off the serial commit path (a batch makes no receipts).
                    if (_run._outcomes is null) slot.Bloom = Bloom.FromLogs(result.Logs);
                }
                slot.Result = result;
                slot.WasSpeculated = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Inconsistent speculative reads (e.g. code not yet published): the committer re-executes.
                slot.Result = null;
                slot.WasSpeculated = true;
            }
            _run._options.AfterSpeculation?.Invoke(i);
            Volatile.Write(ref slot.State, SpeculationSlot.Done);
            return true;
        }

        /// <summary>
        /// Whether speculating transaction <paramref name="index"/> is sure to be wasted, so the committer should
        /// run it directly on the exact state: it spends from the fee recipient, whose balance every earlier fee
        /// changes (a mining pool paying out), or its sender's previous transaction is neither committed nor
        /// validly speculated yet, so it would read a stale nonce (a wallet sending a run of transactions).
        /// </summary>
        private bool LeaveToCommitter(int index)
        {
            if (_run._transactions[index].Sender == _run.Coinbase) return true;
            int previous = _run.PreviousFromSameSender(index);
            if (previous < 0 || Volatile.Read(ref _run._committed) > previous) return false;
            // Published only by a valid speculation; one left to the committer publishes when committed.
            SpeculationSlot earlier = _run._slots[previous];
            return Volatile.Read(ref earlier.State) != SpeculationSlot.Done || !earlier.WasSpeculated || earlier.Result is not { IsValid: true };
        }

        /// <summary>Commits transactions in order for as long as their speculation is done; false if nothing was committed.</summary>
        private bool TryCommit()
        {
            // Look before trying: a failed attempt still writes the flag's cache line, which the committer is using.
            if (Volatile.Read(ref _run._committer) != 0 || Interlocked.CompareExchange(ref _run._committer, 1, 0) != 0) return false;
            bool committedAny = false;
            try
            {
                while (!_run.Finished)
                {
                    int k = _run._committed;
                    SpeculationSlot slot = _run._slots[k];
                    if (Volatile.Read(ref slot.State) != SpeculationSlot.Done)
                    {
                        if (!_run._sequentialFallback) break;
                        // Sequential fallback: run k here unless a speculation of it is still in flight.
                        if (Interlocked.CompareExchange(ref slot.State, SpeculationSlot.Done, SpeculationSlot.Pending) != SpeculationSlot.Pending) break;
                        slot.Result = null;
                    }
                    Commit(k, slot);
                    committedAny = true;
                }
            }
            finally
            {
                Volatile.Write(ref _run._committer, 0);
            }
            return committedAny;
        }

        private void Commit(int k, SpeculationSlot slot)
        {
            ParallelBlockRun run = _run;
            if (run._outcomes is not null)
            {
                CommitToBatch(k, slot);
                return;
            }
            Transaction tx = run._transactions[k];
            run._blobGasUsed = BlockLimits.Admit(k, tx, run._context, run._gasUsed, run._blobGasUsed);
            // Speculations are counted here, on the one committing thread, rather than by the speculating
            // threads: a shared counter written by both would bounce its cache line for every transaction.
            if (slot.WasSpeculated) run._executions++;

            TransactionResult? result = slot.Result;
            bool reexecute = result is null || !result.IsValid || NeedsReexecution(slot, result);
            if (reexecute)
            {
                if (slot.Result is null && slot.WasSpeculated) run._failedSpeculations++;
                if (!slot.WasSpeculated) run._sequentialExecutions++;
                _state.Reset(run._block);
                result = _processor.Execute(tx, run._context, _state);
                if (!result.IsValid) throw BlockLimits.Rejected(k, tx, result);
                run._block.Commit(_state, run._context.Spec.ClearEmptyAccounts, _scratch);
                run._executions++;
                if (slot.WasSpeculated) run._reexecutions++;
                // Later speculations should see the real writes; in sequential fallback nobody speculates.
                if (!run._sequentialFallback) run._memory.Publish(k + 1, _scratch);
            }
            else
            {
                // Memory already holds these writes. The fee recipient's new balance is not published:
                // a transaction that reads it is re-executed anyway.
                run._block.Apply(slot.Changes!);
                run._block.CreditDeferred(result!, tx.Value, run.Coinbase, run._context.Spec.ClearEmptyAccounts);
            }
            slot.Changes = null;
            run.CountConflict(reexecute);

            run._gasUsed += result!.GasUsed;
            run._results[k] = result;
            Bloom bloom = !reexecute && slot.Bloom is { } speculated ? speculated : Bloom.FromLogs(result.Logs);
            slot.Bloom = null;
            if (result.Logs.Count > 0) run._logsBloom.Or(bloom);
            run._receipts[k] = new Receipt(tx.Type, result.Succeeded, null, run._gasUsed, bloom, result.Logs);
            run.Committed(k);
        }

        /// <summary>
        /// Batch mode: like <see cref="Commit"/>, but the block's limits and the other batches are the
        /// coordinator's business. Credits stay deferred on every path (the coordinator applies them), a
        /// transaction invalid here (e.g. its sender's earlier nonce is in another batch) is handed back
        /// for re-execution, and every transaction's reads and writes are kept.
        /// </summary>
        private void CommitToBatch(int k, SpeculationSlot slot)
        {
            ParallelBlockRun run = _run;
            Transaction tx = run._transactions[k];
            bool clearEmpty = run._context.Spec.ClearEmptyAccounts;
            TransactionResult? result = slot.Result;
            if (slot.WasSpeculated) run._executions++;
            bool reexecute = result is null || !result.IsValid || NeedsReexecution(slot, result);
            StateChanges? kept = null;
            if (reexecute)
            {
                slot.Changes = null;
                _state.Reset(run._block);
                result = _processor.Execute(tx, run._context, _state, deferCredits: true);
                run._executions++;
                if (slot.WasSpeculated) run._reexecutions++;
                else run._sequentialExecutions++;
                if (result.IsValid)
                {
                    kept = new StateChanges();
                    run._block.Commit(_state, clearEmpty, kept);
                    if (!run._sequentialFallback) run._memory.Publish(k + 1, kept);
                }
            }
            else
            {
                kept = slot.Changes!;
                slot.Changes = null;
                run.Release(k);
                run._block.Apply(kept);
            }
            if (kept is not null) run._block.CreditDeferred(result!, tx.Value, run.Coinbase, clearEmpty);
            run.CountConflict(reexecute);
            run._outcomes![k] = new Distributed.SpeculativeOutcome(result!, kept);
            slot.Bloom = null;
            run.Committed(k);
        }

        /// <summary>Whether the speculative outcome does not hold at its position (see <see cref="ReadSetValidator.Check"/>); counts why.</summary>
        private bool NeedsReexecution(SpeculationSlot slot, TransactionResult result)
        {
            // Until the block falls back to sequential execution, every committed transaction's final writes are in
            // multi-version memory, so a cell nothing ever wrote there still holds its pre-block value, unless its
            // account lost its storage: a deferred zero credit can delete an empty account outside that memory.
            Func<StorageCell, bool>? unwritten = _run._sequentialFallback || _run._block.StorageCleared.Count > 0 ? null : _run._neverWritten;
            switch (ReadSetValidator.Check(slot.Changes!, result, _run._block, _run.Coinbase, unwritten))
            {
                case StaleRead.None: return false;
                case StaleRead.Account: _run._staleAccount++; break;
                case StaleRead.Storage: _run._staleStorage++; break;
                case StaleRead.StoragePresence: _run._stalePresence++; break;
                case StaleRead.FeeRecipient: _run._feeRecipient++; break;
            }
            return true;
        }
    }
}

