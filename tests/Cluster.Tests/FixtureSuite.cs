using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Fixtures.BlockTests;
using EvmCluster.Execution.Fixtures.Mainnet;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Cluster.Tests;

/// <summary>
/// Every block in ../shared/data through the gRPC API of a real cluster (one coordinator, three
/// worker processes). Every block also runs sequentially in the test (any difference fails it), and
/// each result must also match its header or expected.json.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FixtureSuite(ClusterFixture cluster)
{
    [Fact]
    public void Block_tests_equal_sequential_and_their_headers()
    {
        var failures = new List<string>();
        int count = 0;
        LargeStackThreads.RunOne(() =>
        {
            var runner = new BlockTestRunner(new ClusterBlockProcessor(cluster.Client, mirror: true));
            foreach (string file in Directory.GetFiles(TestData.Combine("blockchain-tests"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (BlockTest test in BlockTestLoader.Load(file))
                {
                    count++;
                    if (runner.Run(test) is { } failure) failures.Add($"{test.Name}: {failure}");
                }
            return 0;
        });
        Assert.True(count > 300, $"only {count} block tests found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Mainnet_blocks_equal_sequential_and_their_headers()
    {
        var failures = new List<string>();
        string[] blocks = Directory.GetDirectories(TestData.Combine("mainnet", "blocks")).Order(StringComparer.Ordinal).ToArray();
        LargeStackThreads.RunOne(() =>
        {
            var runner = new MainnetReplayRunner(new ClusterBlockProcessor(cluster.Client, mirror: true));
            foreach (string dir in blocks)
                if (runner.Run(MainnetBlockLoader.ForBlock(dir).Load(dir)) is { } failure) failures.Add($"{Path.GetFileName(dir)}: {failure}");
            return 0;
        });
        Assert.Equal(42, blocks.Length);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string> Workloads()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(TestData.Combine("workloads")).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_matches_expected_json(string name)
    {
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", name));
        // Mirrored: each run also executes sequentially here and fails on any difference from the cluster.
        var processor = new ClusterBlockProcessor(cluster.Client, mirror: true);
        BenchResult result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, [new BenchMode("cluster", 0, processor, Workers: ClusterFixture.Workers)], 1))[0];
        Assert.True(result.Ok, result.Failure);
        Assert.Equal(workload.Expected.StateRoot.ToString(), result.StateRoot);
        Assert.Equal((uint)ClusterFixture.Workers, processor.LastStatistics!.Workers);
        Assert.True(processor.LastStatistics.Batches >= 1, "no batch was dispatched to a worker");
    }
}
