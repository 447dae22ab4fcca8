using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Parallel;

/// <summary>
/// Executes a block on several threads and returns exactly what <see cref="BlockExecutor"/> returns.
/// Workers run transactions speculatively against multi-version memory; one worker at a time commits
/// in block order, validating each speculative read set against the exact state at that position
/// and re-executing the transaction in place when anything it read has changed. Fee credits to the
/// fee recipient are deferred and applied at commit, so they create no conflicts. Pre-Byzantium
/// blocks (per-transaction state roots) and small blocks run sequentially.
/// </summary>
public sealed class ParallelBlockExecutor
{
    private readonly ParallelExecutionOptions _options;
    private readonly BlockExecutor _sequential = new();

    public ParallelBlockExecutor(ParallelExecutionOptions options) => _options = options;

    public ParallelStatistics LastStatistics { get; private set; } = new();

    public BlockResult Execute(BlockContext context, BlockHeader header, IReadOnlyList<Transaction> transactions,
        IReadOnlyList<BlockHeader> uncles, IReadOnlyList<Withdrawal>? withdrawals, WorldState world)
    {
        if (transactions.Count < _options.SmallBlockThreshold || !context.Spec.IsEip658Enabled)
        {
            BlockResult sequential = _sequential.Execute(context, header, transactions, uncles, withdrawals, world);
            LastStatistics = new ParallelStatistics
            {
                Transactions = transactions.Count, Executions = transactions.Count, FallbackUsed = true,
            };
            return sequential;
        }
        var run = new ParallelBlockRun(_options, context, header, transactions, world);
        BlockResult result = run.Execute(LargeStackWorkerPool.Shared(Math.Max(1, _options.Threads)), uncles, withdrawals);
        LastStatistics = run.Statistics();
        return result;
    }
}

/// <summary>Executes a block in parallel, commits it to the world state and computes the state root.</summary>
public sealed class ParallelBlockProcessor(ParallelExecutionOptions options) : IBlockProcessor
{
    private readonly ParallelBlockExecutor _executor = new(options);

    public ParallelStatistics LastStatistics => _executor.LastStatistics;

    public BlockResult Process(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world)
    {
        BlockResult result = _executor.Execute(context, block.Header, transactions, block.Uncles, block.Withdrawals, world);
        world.Commit(result.Changes, options.Threads);
        return result with { StateRoot = world.ComputeStateRoot(options.Threads) };
    }
}
