using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Processing;

/// <summary>
/// The sequential reference: runs a block's system call, transactions, withdrawals and rewards one
/// after another over a <see cref="BlockState"/>. Every other execution mode is tested against it.
/// Call from a thread with <see cref="VirtualMachine.RequiredStackSize"/>.
/// </summary>
public sealed class BlockExecutor
{
    private readonly TransactionProcessor _processor;
    private readonly BlockFences _fences;
    private readonly TransactionState _txState = new(new InMemoryState());
    private readonly StateChanges _changes = new();

    public BlockExecutor()
    {
        _processor = new TransactionProcessor();
        _fences = new BlockFences(_processor);
    }

    /// <summary>
    /// Executes <paramref name="transactions"/> (senders recovered) on <paramref name="world"/>. The writes
    /// stay in the returned <see cref="BlockResult.Changes"/> unless the fork needs per-transaction state
    /// roots (before Byzantium), in which case they are committed as the block runs.
    /// </summary>
    public BlockResult Execute(BlockContext context, BlockHeader header, IReadOnlyList<Transaction> transactions,
        IReadOnlyList<BlockHeader> uncles, IReadOnlyList<Withdrawal>? withdrawals, WorldState world)
    {
        ReleaseSpec spec = context.Spec;
        var block = new BlockState(world);
        _fences.BeforeTransactions(context, header, block);

        var receipts = new List<Receipt>(transactions.Count);
        var results = new List<TransactionResult>(transactions.Count);
        long gasUsed = 0;
        ulong blobGasUsed = 0;
        for (int i = 0; i < transactions.Count; i++)
        {
            Transaction tx = transactions[i];
            blobGasUsed = BlockLimits.Admit(i, tx, context, gasUsed, blobGasUsed);
            _txState.Reset(block);
            TransactionResult result = _processor.Execute(tx, context, _txState);
            if (!result.IsValid)
                throw BlockLimits.Rejected(i, tx, result);
            block.Commit(_txState, spec.ClearEmptyAccounts, _changes);
            gasUsed += result.GasUsed;

            Hash256? postState = null;
            if (!spec.IsEip658Enabled)
            {
                world.Commit(block);
                block.Clear();
                postState = world.ComputeStateRoot(threads: 1);
            }
            receipts.Add(new Receipt(tx.Type, result.Succeeded, postState, gasUsed, Bloom.FromLogs(result.Logs), result.Logs));
            results.Add(result);
        }

        _fences.AfterTransactions(context, header, uncles, withdrawals, block);

        return BlockResult.From(receipts, results, gasUsed, blobGasUsed, block);
    }
}
