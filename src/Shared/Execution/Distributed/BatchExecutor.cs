using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Distributed;

/// <summary>
/// Runs a worker's batch — some of a block's transactions, in block order — with the Block-STM
/// executor over the pre-block state. A transaction sees the earlier transactions of its batch; what
/// other batches do is the coordinator's to reconcile, from the read sets returned here.
/// </summary>
public static class BatchExecutor
{
    public static SpeculativeOutcome[] Execute(BlockContext context, BlockHeader header, IReadOnlyList<Transaction> batch,
        IStateReader preBlock, ParallelExecutionOptions options, out ParallelStatistics statistics)
    {
        var outcomes = new SpeculativeOutcome[batch.Count];
        var run = new ParallelBlockRun(options, context, header, batch, preBlock, outcomes);
        run.ExecuteBatch(LargeStackWorkerPool.Shared(Math.Max(1, options.Threads)));
        statistics = run.Statistics();
        return outcomes;
    }
}
