using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.V1;
using EvmCluster.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace EvmCluster.Cluster.Tests;

/// <summary>
/// Shard state lives only in worker memory: when a worker dies, the cluster must say which shards
/// were lost instead of serving empty state, and stay up.
/// Runs its own cluster, since it kills a worker.
/// </summary>
public sealed class LostWorkerTests
{
    [Fact]
    public async Task A_dead_worker_is_reported_with_its_shards_and_the_coordinator_stays_up()
    {
        using ClusterLauncher launcher = await ClusterLauncher.StartAsync(2);
        using var client = new ClusterClient(launcher.Url);
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", "eth-transfer"));
        var block = new Block(workload.Header, workload.Transactions, [], null);
        await client.LoadStateAsync(workload.Genesis, "Cancun", (ulong)workload.ChainId);

        System.Diagnostics.Process victim = launcher.Processes.Last();
        victim.Kill(entireProcessTree: true);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            ClusterStatus status = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
            if (status.Members.Count(m => m.Roles.Contains(NodeSettings.WorkerRole) && m.Status == "Up") == 1 &&
                status.Members.Count(m => m.Roles.Contains(NodeSettings.WorkerRole)) == 1) break;
            Assert.True(DateTime.UtcNow < deadline, "the dead worker was never removed from the cluster");
            await Task.Delay(500);
        }

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => client.ExecuteAsync(block, null, dryRun: true, verifyHeader: false));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("left the cluster", e.Status.Detail);
        Assert.Contains("load the state again", e.Status.Detail);
        e = await Assert.ThrowsAsync<RpcException>(() => client.Api.GetAccountAsync(new GetAccountRequest { Address = ByteString.CopyFrom(new byte[20]) }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);

        // The coordinator itself is still up and answering.
        ClusterStatus after = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
        Assert.True(after.StateLoaded);
    }
}

/// <summary>
/// After a worker is lost, loading the state again into the same cluster (with the survivor alone, or
/// with a replacement worker) gives every shard the new state where placement says it is: the block
/// then executes and matches expected.json. The oldest worker hosts the sharding coordinator, so
/// losing it and losing a younger worker are both covered.
/// </summary>
public sealed class ReloadAfterLostWorkerTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task State_loaded_again_after_a_lost_worker_executes_the_block(bool loseOldest, bool replace)
    {
        string logs = Path.Combine(Path.GetTempPath(), $"evmcluster-lost-worker-{(loseOldest ? "oldest" : "younger")}-{(replace ? "replaced" : "survivors")}-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("EVMCLUSTER_AKKA_LOGLEVEL") is { Length: > 0 } level) environment["EVMCLUSTER_AKKA_LOGLEVEL"] = level;
        // One worker first, then two more: the first is the oldest, so it hosts the sharding coordinator
        // (and its shard region registers first, so it gets shards). The coordinator needs two workers,
        // so the two survivors can take the state again.
        using ClusterLauncher launcher = await ClusterLauncher.StartAsync(1, environment, minWorkers: 2, logDirectory: logs);
        launcher.StartWorker(environment);
        launcher.StartWorker(environment);
        await launcher.WaitForWorkersAsync(3, TimeSpan.FromSeconds(90));
        using var client = new ClusterClient(launcher.Url);
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", "eth-transfer"));
        var block = new Block(workload.Header, workload.Transactions, [], null);
        await client.LoadStateAsync(workload.Genesis, "Cancun", (ulong)workload.ChainId);
        ClusterStatus loaded = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
        await ExecuteAndCheck(client, workload, block, logs);

        // The victim holds shards: the oldest always does; else the youngest worker that does.
        System.Diagnostics.Process victim = loseOldest ? launcher.Processes[1]
            : launcher.Processes.Skip(2).Last(p => loaded.ShardPlacement.Contains(AddressOf(p)));
        Assert.Contains(AddressOf(victim), loaded.ShardPlacement);
        victim.Kill(entireProcessTree: true);
        await WaitForWorkers(client, 2);
        if (replace)
        {
            launcher.StartWorker(environment);
            await WaitForWorkers(client, 3);
        }

        LoadStateReply reply = await client.LoadStateAsync(workload.Genesis, "Cancun", (ulong)workload.ChainId);
        Assert.Equal(workload.Expected.GenesisStateRoot.ToArray(), reply.StateRoot.ToByteArray());
        ClusterStatus status = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
        var up = status.Members.Where(m => m.Roles.Contains(NodeSettings.WorkerRole) && m.Status == "Up").Select(m => m.Address).ToHashSet();
        Assert.Equal(256, status.ShardPlacement.Count);
        Assert.All(status.ShardPlacement, node => Assert.Contains(node, up));
        await ExecuteAndCheck(client, workload, block, logs);
        // Twice: the first block leaves nothing behind that the second would read differently.
        await ExecuteAndCheck(client, workload, block, logs);
        try
        {
            if (Environment.GetEnvironmentVariable("EVMCLUSTER_KEEP_LOGS") is null) Directory.Delete(logs, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A worker process's cluster address, from the port it was started with.</summary>
    private static string AddressOf(System.Diagnostics.Process worker)
    {
        var arguments = worker.StartInfo.ArgumentList;
        return NodeSettings.SeedAddress("127.0.0.1", int.Parse(arguments[arguments.IndexOf("--port") + 1]));
    }

    private static async Task ExecuteAndCheck(ClusterClient client, Workload workload, Block block, string logs)
    {
        ExecuteBlockReply reply;
        try
        {
            reply = await client.ExecuteAsync(block, null, dryRun: true, verifyHeader: false);
        }
        catch (RpcException e)
        {
            Assert.Fail($"the block failed ({e.StatusCode}: {e.Status.Detail}); cluster logs in {logs}");
            throw;
        }
        Assert.Equal((ulong)workload.Expected.BlockGasUsed, reply.GasUsed);
        Assert.Equal(workload.Expected.StateRoot.ToArray(), reply.StateRoot.ToByteArray());
        Assert.Equal(workload.Expected.ReceiptsRoot.ToArray(), reply.ReceiptsRoot.ToByteArray());
    }

    /// <summary>Waits until exactly <paramref name="count"/> workers are members, all up.</summary>
    private static async Task WaitForWorkers(ClusterClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            ClusterStatus status = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest());
            var workers = status.Members.Where(m => m.Roles.Contains(NodeSettings.WorkerRole)).ToList();
            if (workers.Count == count && workers.All(m => m.Status == "Up")) return;
            Assert.True(DateTime.UtcNow < deadline, $"the cluster never had {count} up workers and no others: {string.Join(", ", workers.Select(w => $"{w.Address} {w.Status}"))}");
            await Task.Delay(500);
        }
    }
}
