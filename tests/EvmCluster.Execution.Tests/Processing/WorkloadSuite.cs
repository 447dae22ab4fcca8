using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Processing;

/// <summary>Each benchmark workload executed sequentially must give exactly expected.json (gas, receipts root, bloom, state root).</summary>
public sealed class WorkloadSuite
{
    public static TheoryData<string> Workloads()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(TestData.Combine("workloads")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Sequential_execution_matches_the_reference_node(string name)
    {
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", name));
        var processor = new BlockProcessor();
        BenchResult result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, [new BenchMode("sequential", 1, processor)], 1))[0];
        Assert.True(result.Ok, result.Failure);
        Assert.Equal(workload.Expected.StateRoot.ToString(), result.StateRoot);
    }
}
