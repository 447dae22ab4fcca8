using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// One kind of transaction at a time, twenty of them from few senders, on every fork and every kind of
/// fee recipient: when the mixed property fails, these name the feature that breaks.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class PerKindScenarioTests
{
    public static TheoryData<OpKind> Kinds() => [.. Enum.GetValues<OpKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_block_of_one_kind_matches_sequential_on_every_fork(OpKind kind)
    {
        var random = new Random(1_000 + (int)kind);
        var failures = new List<string>();
        int run = 0;
        for (int fork = 0; fork < BlockCase.ForkSpecs.Length; fork++)
        {
            foreach (CoinbaseKind coinbase in Enum.GetValues<CoinbaseKind>())
            {
                // Every fourth transaction increments the hot counter, so even quiet kinds share a slot.
                TxOp[] ops = [.. Enumerable.Range(0, 20).Select(i => new TxOp(i % 4 == 3 ? OpKind.Increment : kind,
                    random.Next(3) == 0 ? random.Next(5) : 0, random.Next(256), random.Next(256), random.Next(4)))];
                var knobs = new Knobs(new[] { 2, 4, 8, 1 }[run++ % 4], 64, 1000, 32);
                BuiltBlock block = ConflictBlockBuilder.Build(ConflictBlockSanityTests.Case(fork, coinbase, knobs, ops));
                if (BlockRuns.Compare(block) is { } diff) failures.Add($"{block.Case.Spec.Name}/{coinbase}/{knobs}: {diff}\n    {block.Case}");
            }
        }
        if (failures.Count > 0) throw new XunitException($"{failures.Count} blocks of {kind} differ:\n" + string.Join("\n", failures.Take(5)));
    }
}
