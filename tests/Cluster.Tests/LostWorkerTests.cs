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
