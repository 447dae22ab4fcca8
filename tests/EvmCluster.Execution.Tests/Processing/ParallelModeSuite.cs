using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Fixtures.BlockTests;
using EvmCluster.Execution.Fixtures.Mainnet;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Processing;

/// <summary>
/// The parallel executor on every block in ../shared/data at 1, 2, 4 and 8 threads: block tests and
/// mainnet blocks must match their headers (as sequential does), workloads must give expected.json
/// (gas, receipts root, bloom, state root).
/// </summary>
public sealed class ParallelModeSuite
{
    public static TheoryData<int> ThreadCounts() => [1, 2, 4, 8];

    private static ParallelBlockProcessor Processor(int threads) =>
        new(new ParallelExecutionOptions { Threads = threads, SmallBlockThreshold = 1 });

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Block_tests_pass(int threads)
    {
        string root = TestData.Combine("blockchain-tests");
        var failures = new List<string>();
        LargeStackThreads.RunOne(() =>
        {
            var runner = new BlockTestRunner(Processor(threads));
            foreach (string file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (BlockTest test in BlockTestLoader.Load(file))
                    if (runner.Run(test) is { } failure) failures.Add($"{test.Name}: {failure}");
            return 0;
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Mainnet_blocks_match_their_headers(int threads)
    {
        var failures = new List<string>();
        LargeStackThreads.RunOne(() =>
        {
            var runner = new MainnetReplayRunner(Processor(threads));
            foreach (string dir in Directory.GetDirectories(TestData.Combine("mainnet", "blocks")).Order(StringComparer.Ordinal))
                if (runner.Run(MainnetBlockLoader.ForBlock(dir).Load(dir)) is { } failure) failures.Add($"{Path.GetFileName(dir)}: {failure}");
            return 0;
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string, int> WorkloadsAndThreads()
    {
        var data = new TheoryData<string, int>();
        foreach (string dir in Directory.GetDirectories(TestData.Combine("workloads")).Order(StringComparer.Ordinal))
            foreach (int threads in new[] { 1, 2, 4, 8 }) data.Add(Path.GetFileName(dir), threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(WorkloadsAndThreads))]
    public void Workload_matches_the_reference_node(string name, int threads)
    {
        // expected.json is what sequential execution gives (WorkloadSuite checks that side).
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", name));
        BenchResult result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, [new BenchMode("parallel", threads, Processor(threads))], 0))[0];
        Assert.True(result.Ok, result.Failure);
        Assert.Equal(workload.Expected.StateRoot.ToString(), result.StateRoot);
    }
}
