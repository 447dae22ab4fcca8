using EvmCluster.Evm.Core;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;
using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>What processing a block produced: the result, or the rejection; and the world state afterwards.</summary>
public sealed record BlockOutcome(BlockResult? Result, string? Error, Hash256 GenesisRoot, Hash256 RootAfter, InMemoryState Flat, ParallelStatistics? Statistics);

/// <summary>Processes built blocks sequentially (the reference) and in parallel, each on a fresh genesis.</summary>
public static class BlockRuns
{
    /// <summary>
    /// Options for a case: speculation on even for small blocks, so shrunk cases still run in parallel;
    /// the knobs' jitter as the speculation hook unless the caller brings its own.
    /// </summary>
    public static ParallelExecutionOptions Options(Knobs knobs, Action<int>? afterSpeculation = null) => new()
    {
        Threads = knobs.Threads,
        SmallBlockThreshold = 0,
        LookaheadPerThread = knobs.Lookahead,
        ConflictLimit = knobs.ConflictLimit,
        ConflictWindow = knobs.ConflictWindow,
        AfterSpeculation = afterSpeculation ?? (knobs.Jitter > 0 ? tx => Spin(tx * 0x9E3779B1L % (knobs.Jitter + 1)) : null),
    };

    /// <summary>Busy-waits about <paramref name="micros"/> microseconds (a sleep would be far coarser).</summary>
    public static void Spin(long micros)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + Math.Abs(micros) * System.Diagnostics.Stopwatch.Frequency / 1_000_000;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
    }

    public static BlockOutcome Sequential(BuiltBlock block) =>
        LargeStackThreads.RunOne(() => Run(block, world => new BlockProcessor().Process(block.Context, block.Block, block.Transactions, world), null));

    public static BlockOutcome Parallel(BuiltBlock block, ParallelExecutionOptions options) => Parallel(block, new ParallelBlockProcessor(options));

    /// <summary>Runs on a given processor, so tests can reuse one across blocks.</summary>
    public static BlockOutcome Parallel(BuiltBlock block, ParallelBlockProcessor processor) =>
        LargeStackThreads.RunOne(() => Run(block, world => processor.Process(block.Context, block.Block, block.Transactions, world), processor));

    /// <summary>The first difference between the reference and the parallel run, or null when they agree exactly.</summary>
    public static string? Compare(BuiltBlock block) => Compare(block, Options(block.Case.Knobs));

    public static string? Compare(BuiltBlock block, ParallelExecutionOptions options)
    {
        BlockOutcome expected = Sequential(block);
        BlockOutcome actual = Parallel(block, options);
        return OutcomeDiff.Find(expected, actual) ?? StatisticsProblem(block, actual);
    }

    /// <summary>Builds, runs both ways, and throws the first difference if there is one (CsCheck adds the case and seed).</summary>
    public static void AssertEquivalent(BlockCase c)
    {
        BuiltBlock block = ConflictBlockBuilder.Build(c);
        if (Compare(block) is { } diff) throw new XunitException($"parallel differs from sequential: {diff}");
    }

    /// <summary>Invariants of the statistics of a successful run.</summary>
    public static string? StatisticsProblem(BuiltBlock block, BlockOutcome outcome)
    {
        if (outcome.Result is null || outcome.Statistics is not { } s) return null;
        int n = block.Transactions.Count;
        if (s.Transactions != n) return $"statistics count {s.Transactions} transactions, the block has {n}";
        if (s.Executions < n) return $"statistics count {s.Executions} executions for {n} transactions ({s})";
        if (s.Reexecutions < 0 || s.Reexecutions > s.Executions) return $"statistics are inconsistent: {s}";
        return null;
    }

    private static BlockOutcome Run(BuiltBlock block, Func<WorldState, BlockResult> process, ParallelBlockProcessor? parallel)
    {
        WorldState world = block.NewWorld();
        Hash256 genesisRoot = world.StateRoot;
        try
        {
            BlockResult result = process(world);
            return new BlockOutcome(result, null, genesisRoot, world.StateRoot, world.Flat, parallel?.LastStatistics);
        }
        catch (InvalidBlockException e)
        {
            return new BlockOutcome(null, e.Message, genesisRoot, world.StateRoot, world.Flat, null);
        }
        catch (Exception e) when (parallel is not null)
        {
            // Anything but a block rejection is a failure of the parallel executor: report it as a difference.
            return new BlockOutcome(null, $"unexpected {e.GetType().Name}: {e}", genesisRoot, world.StateRoot, world.Flat, null);
        }
    }
}
