using CsCheck;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>The parallel tests measure and race threads: they run alone, not beside the other suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ParallelExecutorCollection
{
    public const string Name = "Parallel executor";
}

/// <summary>
/// Property: on generated conflict blocks the parallel processor's output equals the sequential one's
/// exactly — receipts, results, gas, bloom, roots, committed state, and the rejection message of an
/// invalid block. A failure prints the CsCheck seed (rerun with CsCheck_Seed=...) and the whole case.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class ParallelEquivalenceTests(ITestOutputHelper output)
{
    public const int CiBlocks = 3_000;

    [Fact]
    public void Parallel_equals_sequential_on_generated_conflict_blocks()
    {
        var tally = new ConflictTally();
        ConflictGen.Block.Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            BlockOutcome actual = BlockRuns.Parallel(block, BlockRuns.Options(c.Knobs));
            if ((OutcomeDiff.Find(BlockRuns.Sequential(block), actual) ?? BlockRuns.StatisticsProblem(block, actual)) is { } diff)
                throw new XunitException($"parallel differs from sequential: {diff}");
            tally.Add(c, actual);
        }, iter: CiBlocks, threads: 1, print: c => c.ToString());
        output.WriteLine(tally.ToString());
        // Guard against a generator that stopped producing conflicts: the property would pass vacuously.
        // (Which reads go stale depends on timing and machine load, so only conflicts as such are required.)
        Assert.True((tally.Reexecuted + tally.FellBack) * 5 >= tally.Speculated, $"too few blocks conflicted: {tally}");
    }

    [Fact]
    public void Invalid_blocks_are_rejected_with_the_sequential_message()
    {
        int rejected = 0;
        ConflictGen.Block.Where(c => c.Invalid != InvalidKind.None).Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            BlockOutcome expected = BlockRuns.Sequential(block);
            BlockOutcome actual = BlockRuns.Parallel(block, BlockRuns.Options(c.Knobs));
            if (OutcomeDiff.Find(expected, actual) is { } diff) throw new XunitException(diff);
            if (expected.Error is not null) Interlocked.Increment(ref rejected);
        }, iter: 150, threads: 1, print: c => c.ToString());
        Assert.True(rejected >= 100, $"only {rejected} of 150 blocks with an invalid transaction were rejected: the generator lost its invalid cases");
    }

    [Fact]
    public void A_reused_processor_agrees_block_after_block()
    {
        var processors = new[] { 1, 2, 4, 8 }.ToDictionary(t => t, t => new ParallelBlockProcessor(BlockRuns.Options(new Knobs(t, 64, 24, 32))));
        ConflictGen.Block.Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            BlockOutcome actual = BlockRuns.Parallel(block, processors[c.Knobs.Threads]);
            if ((OutcomeDiff.Find(BlockRuns.Sequential(block), actual) ?? BlockRuns.StatisticsProblem(block, actual)) is { } diff)
                throw new XunitException(diff);
        }, iter: 120, threads: 1, print: c => c.ToString());
    }

    [Fact]
    public void Execute_leaves_the_world_alone_and_its_changes_commit_to_the_sequential_state()
    {
        ConflictGen.Block.Where(c => c.Spec.IsEip658Enabled).Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            WorldState expectedWorld = block.NewWorld(), actualWorld = block.NewWorld();
            Hash256 before = actualWorld.StateRoot;
            Parts h = new(block);
            BlockResult? expected = LargeStackThreads.RunOne(() => Try(() => new BlockExecutor().Execute(h.Context, h.Header, block.Transactions, h.Uncles, h.Withdrawals, expectedWorld)));
            var executor = new ParallelBlockExecutor(BlockRuns.Options(c.Knobs));
            BlockResult? actual = LargeStackThreads.RunOne(() => Try(() => executor.Execute(h.Context, h.Header, block.Transactions, h.Uncles, h.Withdrawals, actualWorld)));
            if (actualWorld.StateRoot != before) throw new XunitException("Execute changed the world state before any commit");
            if ((expected is null) != (actual is null)) throw new XunitException($"sequential {(expected is null ? "rejected" : "accepted")} the block, parallel did not");
            if (expected is null || actual is null) return;
            if (OutcomeDiff.Results(expected, actual) is { } diff) throw new XunitException(diff);
            expectedWorld.Commit(expected.Changes);
            actualWorld.Commit(actual.Changes);
            if (expectedWorld.StateRoot != actualWorld.StateRoot)
                throw new XunitException($"committed changes differ: {OutcomeDiff.States(expectedWorld.Flat, actualWorld.Flat)}");
            if (executor.LastStatistics.Transactions != block.Transactions.Count) throw new XunitException($"statistics of another block: {executor.LastStatistics}");
        }, iter: 150, threads: 1, print: c => c.ToString());
    }

    private sealed record Parts(BuiltBlock Built)
    {
        public BlockContext Context => Built.Context;
        public BlockHeader Header => Built.Block.Header;
        public IReadOnlyList<BlockHeader> Uncles => Built.Block.Uncles;
        public IReadOnlyList<Withdrawal>? Withdrawals => Built.Block.Withdrawals;
    }

    private static BlockResult? Try(Func<BlockResult> execute)
    {
        try
        {
            return execute();
        }
        catch (InvalidBlockException)
        {
            return null;
        }
    }

    [Fact]
    public void Blocks_below_the_threshold_run_sequentially_and_agree()
    {
        ConflictGen.Blocks(1, 7).Sample(c =>
        {
            BuiltBlock block = ConflictBlockBuilder.Build(c);
            var processor = new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = c.Knobs.Threads, SmallBlockThreshold = 8 });
            BlockOutcome actual = BlockRuns.Parallel(block, processor);
            if (OutcomeDiff.Find(BlockRuns.Sequential(block), actual) is { } diff) throw new XunitException(diff);
            if (block.Transactions.Count < 8 && actual.Statistics is { } s && !s.FallbackUsed) throw new XunitException($"a {block.Transactions.Count}-transaction block ran in parallel: {s}");
        }, iter: 60, threads: 1, print: c => c.ToString());
    }
}
