using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Client;

/// <summary>
/// Cluster mode behind the <see cref="IBlockProcessor"/> interface the runners use. The cluster is
/// (re)loaded whenever the given world is not the state it holds. With <paramref name="mirror"/> the
/// block also runs sequentially here, the world follows it, and any difference from the cluster's
/// result fails the block. Without it (benchmarks) the cluster commits the block and the caller's
/// world stays as it was, so the next block on that world reloads the cluster (see <see cref="Prepare"/>).
/// </summary>
public sealed class ClusterBlockProcessor(ClusterClient client, bool mirror) : IBlockProcessor
{
    private readonly BlockProcessor _sequential = new();
    private Hash256? _clusterRoot;
    private string? _clusterFork;

    public BlockStatistics? LastStatistics { get; private set; }

    /// <summary>Loads <paramref name="world"/> into the cluster unless it holds that state already (benchmarks call this untimed).</summary>
    public void Prepare(BlockContext context, WorldState world)
    {
        Hash256 preRoot = world.StateRoot;
        if (preRoot == _clusterRoot && context.Spec.Name == _clusterFork) return;
        client.LoadStateAsync(world.Flat, context.Spec.Name, (ulong)context.ChainId).GetAwaiter().GetResult();
        _clusterRoot = preRoot;
        _clusterFork = context.Spec.Name;
    }

    public BlockResult Process(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world)
    {
        Prepare(context, world);
        ExecuteBlockReply reply;
        try
        {
            // Benchmarks check the roots, gas and bloom, so the receipts stay in the cluster; mirrored runs bring them back.
            reply = client.ExecuteAsync(block, context.BlockHashes, dryRun: false, verifyHeader: false, receipts: mirror).GetAwaiter().GetResult();
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
        {
            throw new InvalidBlockException(e.Status.Detail);
        }
        LastStatistics = reply.Statistics;
        BlockResult result = ClusterClient.ToBlockResult(reply, world);
        _clusterRoot = result.StateRoot;
        if (!mirror) return result;

        BlockResult sequential = _sequential.Process(context, block, transactions, world);
        string? difference = Difference(sequential, result);
        if (difference is not null) throw new InvalidBlockException($"cluster result differs from sequential execution: {difference}");
        return result;
    }

    private static string? Difference(BlockResult expected, BlockResult actual)
    {
        if (expected.StateRoot != actual.StateRoot) return $"state root {actual.StateRoot}, sequential {expected.StateRoot}";
        if (expected.ReceiptsRoot != actual.ReceiptsRoot) return $"receipts root {actual.ReceiptsRoot}, sequential {expected.ReceiptsRoot}";
        if (expected.GasUsed != actual.GasUsed) return $"gas used {actual.GasUsed}, sequential {expected.GasUsed}";
        if (!expected.LogsBloom.Equals(actual.LogsBloom)) return "logs bloom differs";
        if (expected.BlobGasUsed != actual.BlobGasUsed) return $"blob gas used {actual.BlobGasUsed}, sequential {expected.BlobGasUsed}";
        return null;
    }
}
