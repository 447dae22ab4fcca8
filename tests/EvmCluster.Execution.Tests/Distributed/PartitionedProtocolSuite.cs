using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Distributed;
using EvmCluster.Execution.Fixtures.BlockTests;
using EvmCluster.Execution.Fixtures.Mainnet;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Distributed;

/// <summary>
/// The cluster protocol's logic (batches speculated apart, validated and repaired in block order) on
/// every block in ../shared/data under different partitions: the result must be sequential's.
/// </summary>
public sealed class PartitionedProtocolSuite
{
    /// <summary>Partitions by name: by sender (most conflicts stay in a batch), round robin (most cross batches), random.</summary>
    private static Func<int, Transaction, int> Partition(string name) => name switch
    {
        "by-sender" => (_, tx) => tx.Sender.GetHashCode() & 0x7fffffff,
        "round-robin" => (i, _) => i,
        _ => (i, _) => (int)((uint)(i * 2654435761u) >> 7),
    };

    public static TheoryData<string> Partitions() => ["by-sender", "round-robin", "random"];

    private static PartitionedBlockProcessor Processor(string partition) =>
        new(3, Partition(partition), new ParallelExecutionOptions { Threads = 2, SmallBlockThreshold = 1 });

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Block_tests_pass(string partition)
    {
        var failures = new List<string>();
        LargeStackThreads.RunOne(() =>
        {
            var runner = new BlockTestRunner(Processor(partition));
            foreach (string file in Directory.GetFiles(TestData.Combine("blockchain-tests"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                foreach (BlockTest test in BlockTestLoader.Load(file))
                    if (runner.Run(test) is { } failure) failures.Add($"{test.Name}: {failure}");
            return 0;
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Mainnet_blocks_match_their_headers(string partition)
    {
        var failures = new List<string>();
        LargeStackThreads.RunOne(() =>
        {
            var runner = new MainnetReplayRunner(Processor(partition));
            foreach (string dir in Directory.GetDirectories(TestData.Combine("mainnet", "blocks")).Order(StringComparer.Ordinal))
                if (runner.Run(MainnetBlockLoader.ForBlock(dir).Load(dir)) is { } failure) failures.Add($"{Path.GetFileName(dir)}: {failure}");
            return 0;
        });
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
    public void Workload_matches_the_reference_node(string name)
    {
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", name));
        var processor = Processor("round-robin");
        BenchResult result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, [new BenchMode("partitioned", 2, processor)], 0))[0];
        Assert.True(result.Ok, result.Failure);
        Assert.Equal(workload.Expected.StateRoot.ToString(), result.StateRoot);
    }
}
