using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Distributed;

/// <summary>How the coordinator's in-order pass went for one block.</summary>
public sealed record CommitStatistics(int Transactions, int Accepted, int Reexecuted, int StaleAccount, int StaleStorage,
    int StalePresence, int FeeRecipientReads, int InvalidOnWorker);

/// <summary>
/// The coordinator's validate-and-repair pass (DESIGN §6.4): walks the block in order over the
/// pre-block state; transaction k's worker outcome is accepted when everything it read equals the state
/// after 0..k−1, else k is re-executed right here. The result is sequential execution's by
/// construction; the partition into batches only decides how much is repaired. The block's fences
/// (system call, withdrawals, rewards) run here too. Call from a thread with
/// <see cref="VirtualMachine.RequiredStackSize"/>.
/// </summary>
public sealed class OrderedCommitter
{
    private readonly TransactionProcessor _processor = new();
    private readonly BlockFences _fences;
    private readonly TransactionState _txState = new(new InMemoryState());
    private readonly StateChanges _scratch = new();

    public OrderedCommitter() => _fences = new BlockFences(_processor);

    public CommitStatistics LastStatistics { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <param name="outcomes">Per transaction, the worker's outcome, or null if none came back.</param>
    /// <param name="onReexecute">Called around each re-execution (index), e.g. for a trace span.</param>
    /// <param name="intermediateStateRoot">Before Byzantium receipts carry the state root after each transaction; computes it from the block's writes so far.</param>
    /// <param name="threads">Threads for the receipts root after the pass.</param>
    public BlockResult Commit(BlockContext context, BlockHeader header, IReadOnlyList<Transaction> transactions,
        IReadOnlyList<BlockHeader> uncles, IReadOnlyList<Withdrawal>? withdrawals, IStateReader preBlock,
        IReadOnlyList<SpeculativeOutcome?> outcomes, Func<int, IDisposable?>? onReexecute = null,
        Func<BlockState, Hash256>? intermediateStateRoot = null, int threads = 1)
    {
        bool clearEmpty = context.Spec.ClearEmptyAccounts;
        var block = new BlockState(preBlock);
        _fences.BeforeTransactions(context, header, block);

        var receipts = new List<Receipt>(transactions.Count);
        var results = new List<TransactionResult>(transactions.Count);
        long gasUsed = 0;
        ulong blobGasUsed = 0;
        int accepted = 0, staleAccount = 0, staleStorage = 0, stalePresence = 0, feeRecipient = 0, invalid = 0;
        for (int k = 0; k < transactions.Count; k++)
        {
            Transaction tx = transactions[k];
            blobGasUsed = BlockLimits.Admit(k, tx, context, gasUsed, blobGasUsed);
            SpeculativeOutcome? outcome = outcomes[k];
            bool usable = outcome is { IsUsable: true };
            if (outcome is not null && !usable) invalid++;
            if (usable)
            {
                switch (ReadSetValidator.Check(outcome!.Changes!, outcome.Result, block, context.Coinbase))
                {
                    case StaleRead.None: break;
                    case StaleRead.Account: staleAccount++; usable = false; break;
                    case StaleRead.Storage: staleStorage++; usable = false; break;
                    case StaleRead.StoragePresence: stalePresence++; usable = false; break;
                    case StaleRead.FeeRecipient: feeRecipient++; usable = false; break;
                }
            }

            TransactionResult result;
            Bloom? bloom = null;
            if (usable)
            {
                result = outcome!.Result;
                bloom = outcome.LogsBloom;
                block.Apply(outcome.Changes!);
                block.CreditDeferred(result, tx.Value, context.Coinbase, clearEmpty);
                accepted++;
            }
            else
            {
                using IDisposable? span = onReexecute?.Invoke(k);
                _txState.Reset(block);
                result = _processor.Execute(tx, context, _txState);
                if (!result.IsValid) throw BlockLimits.Rejected(k, tx, result);
                block.Commit(_txState, clearEmpty, _scratch);
            }
            gasUsed += result.GasUsed;
            Hash256? postState = context.Spec.IsEip658Enabled ? null : intermediateStateRoot?.Invoke(block)
                ?? throw new InvalidOperationException("blocks before Byzantium need intermediate state roots");
            receipts.Add(new Receipt(tx.Type, result.Succeeded, postState, gasUsed, bloom ?? Bloom.FromLogs(result.Logs), result.Logs));
            results.Add(result);
        }

        _fences.AfterTransactions(context, header, uncles, withdrawals, block);
        LastStatistics = new CommitStatistics(transactions.Count, accepted, transactions.Count - accepted,
            staleAccount, staleStorage, stalePresence, feeRecipient, invalid);
        return BlockResult.From(receipts, results, gasUsed, blobGasUsed, block, threads);
    }
}
