using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Distributed;

/// <summary>
/// The cluster protocol in one process, without the network: split the block into batches, run each
/// with <see cref="BatchExecutor"/> on the pre-block state as if on its own worker, then validate and
/// repair in block order with <see cref="OrderedCommitter"/>. Lets tests hold the protocol's logic to
/// sequential execution on every fixture and any partition. Blocks before Byzantium run sequentially.
/// </summary>
public sealed class PartitionedBlockProcessor(int batches, Func<int, Transaction, int> batchOf, ParallelExecutionOptions options) : IBlockProcessor
{
    private readonly BlockProcessor _sequential = new();
    private readonly OrderedCommitter _committer = new();

    public CommitStatistics LastStatistics => _committer.LastStatistics;

    public BlockResult Process(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world)
    {
        if (!context.Spec.IsEip658Enabled) return _sequential.Process(context, block, transactions, world);
        var members = new List<int>[batches];
        for (int b = 0; b < batches; b++) members[b] = [];
        for (int i = 0; i < transactions.Count; i++) members[batchOf(i, transactions[i]) % batches].Add(i);

        var outcomes = new SpeculativeOutcome?[transactions.Count];
        foreach (List<int> batch in members)
        {
            if (batch.Count == 0) continue;
            SpeculativeOutcome[] results = BatchExecutor.Execute(context, block.Header, batch.Select(i => transactions[i]).ToList(), world, options, out _);
            for (int j = 0; j < batch.Count; j++) outcomes[batch[j]] = results[j];
        }
        BlockResult result = _committer.Commit(context, block.Header, transactions, block.Uncles, block.Withdrawals, world, outcomes);
        world.Commit(result.Changes);
        return result with { StateRoot = world.ComputeStateRoot(options.Threads) };
    }
}
