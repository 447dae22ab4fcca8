using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// The long-running variant: larger blocks (up to 200 transactions, so the conflict window and the
/// lookahead limit come into play) and, for a third of them, injected speculation delays. 100 blocks by
/// default; with EVMCLUSTER_SOAK_SECONDS=N it runs for N seconds instead. Filter with Category=Soak.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
[Trait("Category", "Soak")]
public sealed class ParallelSoakTests(ITestOutputHelper output)
{
    public const string SecondsVariable = "EVMCLUSTER_SOAK_SECONDS";
    private const int DefaultBlocks = 100;

    [Fact]
    public void Parallel_equals_sequential_on_large_blocks()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out int s) && s > 0 ? s : -1;
        var tally = new ConflictTally();
        ConflictGen.Blocks(8, 200).Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            Action<int>? delay = c.Extras % 3 == 0 ? tx => BlockRuns.Spin((uint)(c.Extras ^ (tx * 0x45D9F3B)) % 500) : null;
            BlockOutcome actual = BlockRuns.Parallel(block, BlockRuns.Options(c.Knobs, delay));
            if ((OutcomeDiff.Find(BlockRuns.Sequential(block), actual) ?? BlockRuns.StatisticsProblem(block, actual)) is { } diff)
                throw new XunitException($"parallel differs from sequential{(delay is null ? "" : " (with delays)")}: {diff}");
            lock (tally) tally.Add(c, actual);
        }, iter: seconds > 0 ? -1 : DefaultBlocks, time: seconds, threads: 1, print: c => c.ToString());
        output.WriteLine(tally.ToString());
        Assert.True(tally.Blocks >= (seconds > 0 ? 1 : DefaultBlocks), $"only {tally.Blocks} blocks were checked");
    }
}
