using EvmCluster.Execution.Fixtures.BlockTests;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Processing;

/// <summary>Every Ethereum block test in ../shared/data/blockchain-tests, one theory row per folder.</summary>
public sealed class BlockTestSuite
{
    private static string SuiteRoot => TestData.Combine("blockchain-tests", "BlockchainTests", "ValidBlocks");

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(SuiteRoot).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_block_matches_its_header_and_the_final_state(string folder)
    {
        var failures = new List<string>();
        int count = 0;
        LargeStackThreads.RunOne(() =>
        {
            var runner = new BlockTestRunner();
            foreach (string file in Directory.GetFiles(Path.Combine(SuiteRoot, folder), "*.json").Order(StringComparer.Ordinal))
            {
                foreach (BlockTest test in BlockTestLoader.Load(file))
                {
                    count++;
                    if (runner.Run(test) is { } failure) failures.Add($"{test.Name}: {failure}");
                }
            }
            return 0;
        });
        Assert.True(count > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
