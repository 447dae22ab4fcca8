using EvmCluster.Execution.Fixtures.Mainnet;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Processing;

/// <summary>The 42 real mainnet blocks (Frontier → Cancun) replayed on their pre-state and checked against their headers.</summary>
public sealed class MainnetReplaySuite
{
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(TestData.Combine("mainnet", "blocks")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_matches_its_header(string number)
    {
        string dir = TestData.Combine("mainnet", "blocks", number);
        string? failure = LargeStackThreads.RunOne(() => new MainnetReplayRunner().Run(MainnetBlockLoader.ForBlock(dir).Load(dir)));
        Assert.Null(failure);
    }
}
