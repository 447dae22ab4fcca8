using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Processing;

/// <summary>An execution mode: executes a block, commits it to the world state and returns its result with roots.</summary>
public interface IBlockProcessor
{
    BlockResult Process(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world);
}
