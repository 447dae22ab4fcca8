using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Processing;

/// <summary>Executes a block sequentially, commits it to the world state and computes the state root.</summary>
public sealed class BlockProcessor : IBlockProcessor
{
    private readonly BlockExecutor _executor = new();

    public BlockResult Process(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world)
    {
        BlockResult result = _executor.Execute(context, block.Header, transactions, block.Uncles, block.Withdrawals, world);
        world.Commit(result.Changes);
        return result with { StateRoot = world.ComputeStateRoot(threads: 1) };
    }
}
