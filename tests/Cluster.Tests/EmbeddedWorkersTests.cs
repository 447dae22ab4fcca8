using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Threading;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.V1;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Cluster.Tests;

/// <summary>
/// <c>serve --embedded-workers N</c>, the cluster in one process: its workers join, hold shards, and
/// execute blocks exactly like sequential execution. Runs its own process.
/// </summary>
public sealed class EmbeddedWorkersTests
{
    private const int Workers = 2;

    [Fact]
    public async Task A_coordinator_with_embedded_workers_executes_workloads_like_sequential()
    {
        using ClusterLauncher launcher = await ClusterLauncher.StartEmbeddedAsync(Workers);
        Assert.Single(launcher.Processes);
        using var client = new ClusterClient(launcher.Url);

        foreach (string name in new[] { "erc20-transfer", "uniswap-100pairs" })
        {
            Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", name));
            // Mirrored: each run also executes sequentially here and fails on any difference from the cluster.
            var processor = new ClusterBlockProcessor(client, mirror: true);
            BenchResult result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, [new BenchMode("cluster", 0, processor, Workers: Workers)], 1))[0];
            Assert.True(result.Ok, $"{name}: {result.Failure}");
            Assert.Equal(workload.Expected.StateRoot.ToString(), result.StateRoot);
            Assert.Equal((uint)Workers, processor.LastStatistics!.Workers);
        }

        // Receipts can be left out of the reply; the roots, gas and bloom still come back and are the same.
        Workload transfers = WorkloadLoader.Load(TestData.Combine("workloads", "eth-transfer"));
        await client.LoadStateAsync(transfers.Genesis, "Cancun", (ulong)transfers.ChainId);
        var block = new Block(transfers.Header, transfers.Transactions, [], null);
        ExecuteBlockReply full = await client.ExecuteAsync(block, null, dryRun: true, verifyHeader: false);
        ExecuteBlockReply bare = await client.ExecuteAsync(block, null, dryRun: true, verifyHeader: false, receipts: false);
        Assert.Equal(transfers.Transactions.Count, full.Receipts.Count);
        Assert.Empty(bare.Receipts);
        Assert.Equal(transfers.Expected.ReceiptsRoot, new Evm.Core.Hash256(bare.ReceiptsRoot.Span));
        Assert.Equal(full.ReceiptsRoot, bare.ReceiptsRoot);
        Assert.Equal(full.StateRoot, bare.StateRoot);
        Assert.Equal(transfers.Expected.BlockGasUsed, (long)bare.GasUsed);

        ClusterStatus status = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
        var workers = status.Members.Where(m => m.Roles.Contains(NodeSettings.WorkerRole) && m.Status == "Up").Select(m => m.Address).ToList();
        Assert.Equal(Workers, workers.Count);
        // Every embedded worker holds shards: the load spread them over both.
        Assert.All(workers, w => Assert.Contains(w, status.ShardPlacement));
    }
}
