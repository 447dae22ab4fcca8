using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Parallel;
using Xunit.Sdk;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// Blocks of over a thousand transfers, large enough that idle workers hash the receipts trie 256 committed
/// receipts at a time while the block runs, with the conflicts that make that interleaving vary: runs of
/// transactions from one sender, recipients paid several times and then spending, payouts by the fee
/// recipient and payments to it. Parallel execution must equal sequential whatever the interleaving.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class LargeTransferBlockTests
{
    private const int Transactions = 1_100;
    private const int Accounts = 400;

    [Theory]
    [InlineData(1, 2, 0)]
    [InlineData(2, 2, 20)]
    [InlineData(3, 4, 0)]
    [InlineData(4, 4, 30)]
    [InlineData(5, 2, 5)]
    [InlineData(6, 8, 0)]
    public void Parallel_equals_sequential(int seed, int threads, int jitterMicros)
    {
        BuiltBlock block = Block(seed);
        BlockOutcome expected = BlockRuns.Sequential(block);
        BlockOutcome actual = BlockRuns.Parallel(block, BlockRuns.Options(new Knobs(threads, 64, 24, 32, jitterMicros)));
        if (OutcomeDiff.Find(expected, actual) is { } diff) throw new XunitException($"seed {seed}, {threads} threads: parallel differs from sequential: {diff}");
        // The block is valid (a rejected block would compare equal vacuously) and conflicted: some transactions were
        // re-executed or run by the committer (the fee recipient's payouts always are), so the interleaving was exercised.
        Assert.Null(actual.Error);
        Assert.Equal(Transactions, actual.Result!.Receipts.Count);
        ParallelStatistics s = actual.Statistics!;
        Assert.True(s.Reexecutions + s.SequentialExecutions > 0, $"no conflict at all: {s}");
    }

    private static BuiltBlock Block(int seed)
    {
        var rng = new Random(seed);
        Address coinbase = Account(0);
        var nonces = new ulong[Accounts];
        var txs = new Transaction[Transactions];
        for (int i = 0; i < txs.Length; i++)
        {
            // Account 0 is the fee recipient; a few low-numbered accounts send and receive most.
            int from = rng.Next(10) switch { 0 => 0, < 4 => rng.Next(1, 8), _ => rng.Next(1, Accounts) };
            int to = rng.Next(10) switch { 0 => 0, < 5 => rng.Next(1, 8), _ => rng.Next(1, Accounts) };
            txs[i] = TransferBlocks.Transfer(i, Account(from), nonces[from]++, Account(to), (ulong)rng.Next(1, 1_000_000), tip: (ulong)rng.Next(0, 3), tag: (ulong)seed);
        }
        return TransferBlocks.Build(coinbase, txs, Enumerable.Range(0, Accounts).Select(Account), new Knobs(2, 64, 24, 32));
    }

    private static Address Account(int i) => Address.FromLowBytes(0xD000_0000UL + (ulong)i);
}
