using System.Diagnostics;
using CsCheck;
using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// Shuffles the order in which speculations finish: after each speculative run the worker sleeps or
/// spins 0–2 ms (seeded by iteration and transaction), or the first transactions are held back so the
/// later ones finish first. Whatever the order, the output must not change and must equal sequential.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class DelayInjectionTests
{
    private const int Blocks = 10;
    private const int IterationsPerBlock = 20;

    [Fact]
    public void Shuffled_completion_order_never_changes_the_result()
    {
        int runs = 0;
        ConflictGen.Blocks(12, 40).Where(c => c.Knobs.Threads > 1).Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            BlockOutcome expected = BlockRuns.Sequential(block);
            for (int iteration = 0; iteration < IterationsPerBlock; iteration++)
            {
                ulong seed = Mix((ulong)c.Extras * 31 + (ulong)iteration);
                bool holdBackEarly = iteration % 3 == 0;
                var options = BlockRuns.Options(c.Knobs, tx => Delay(seed, tx, holdBackEarly));
                BlockOutcome actual = BlockRuns.Parallel(block, options);
                if ((OutcomeDiff.Find(expected, actual) ?? BlockRuns.StatisticsProblem(block, actual)) is { } diff)
                    throw new XunitException($"iteration {iteration} (delay seed {seed}, hold back early {holdBackEarly}): {diff}");
                runs++;
            }
        }, iter: Blocks, threads: 1, print: c => c.ToString());
        Assert.Equal(Blocks * IterationsPerBlock, runs);
    }

    [Fact]
    public void A_hot_slot_under_delays_always_counts_every_increment()
    {
        TxOp[] ops = [.. Enumerable.Range(0, 30).Select(i => new TxOp(OpKind.Increment, i % 5, 3 + 3 * (i % 4), 0, i % 4))];
        for (int iteration = 0; iteration < 40; iteration++)
        {
            var knobs = new Knobs(2 + iteration % 3 * 3, 1 + iteration % 64, 1000, 32);
            BuiltBlock block = ConflictBlockBuilder.Build(ConflictBlockSanityTests.Case(0, CoinbaseKind.FundedEoa, knobs, ops));
            BlockOutcome expected = BlockRuns.Sequential(block);
            ulong seed = Mix((ulong)iteration + 1000);
            BlockOutcome actual = BlockRuns.Parallel(block, BlockRuns.Options(knobs, tx => Delay(seed, tx, iteration % 2 == 0)));
            Assert.Null(OutcomeDiff.Find(expected, actual));
            // Every transaction adds inc + 1 where inc = (3 + 3 (i mod 4)) mod 3 = 0: thirty increments of one.
            Assert.Equal(new Evm.Numerics.UInt256(130), actual.Flat.GetStorage(ConflictContracts.Counter, 0));
        }
    }

    /// <summary>Sleeps or spins for a pseudo-random 0–2 ms; with <paramref name="holdBackEarly"/> the first four transactions wait longest.</summary>
    private static void Delay(ulong seed, int tx, bool holdBackEarly)
    {
        ulong h = Mix(seed ^ ((ulong)tx * 0xBF58476D1CE4E5B9UL));
        long micros = holdBackEarly ? (tx < 4 ? 2_000 : (long)(h % 100)) : (long)(h % 2_001);
        if ((h >> 40) % 4 == 0)
        {
            Thread.Sleep(micros >= 1_000 ? 1 : 0);
            return;
        }
        long until = Stopwatch.GetTimestamp() + micros * Stopwatch.Frequency / 1_000_000;
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
