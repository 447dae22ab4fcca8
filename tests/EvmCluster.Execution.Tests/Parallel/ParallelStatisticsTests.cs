using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Parallel;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// The statistics must be plausible: independent transfers never re-execute (the fee credit is
/// deferred, so sharing the fee recipient is no conflict); a hot counter does conflict; every
/// transaction runs at least once.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class ParallelStatisticsTests
{
    private const int TransferCount = 20;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Independent_transfers_are_never_reexecuted(int threads)
    {
        BuiltBlock block = IndependentTransfers();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var processor = new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = threads, SmallBlockThreshold = 8 });
            BlockOutcome actual = BlockRuns.Parallel(block, processor);
            Assert.Null(OutcomeDiff.Find(BlockRuns.Sequential(block), actual));
            ParallelStatistics s = processor.LastStatistics;
            Assert.Equal(TransferCount, s.Transactions);
            Assert.True(s.Reexecutions == 0, $"independent transfers were re-executed at {threads} threads: {s}");
            Assert.False(s.FallbackUsed, $"independent transfers fell back to sequential: {s}");
            Assert.True(s.Executions >= TransferCount, $"fewer executions than transactions: {s}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_hot_counter_conflicts(int threads)
    {
        // Each transaction first burns 200,000 gas in an inner call (long enough for the other workers to
        // start and run beside it), then increments the capped-call contract's slot 0: thirty increments of one slot.
        TxOp[] ops = [.. Enumerable.Range(0, 30).Select(i => new TxOp(OpKind.CappedCall, i % 5, 3, 4, 1))];
        BuiltBlock block = ConflictBlockBuilder.Build(ConflictBlockSanityTests.Case(0, CoinbaseKind.FundedEoa, new Knobs(threads, 64, 24, 32), ops));
        BlockOutcome expected = BlockRuns.Sequential(block);
        bool conflicted = false;
        var seen = new List<string>();
        for (int attempt = 0; attempt < 10 && !conflicted; attempt++)
        {
            var processor = new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = threads });
            BlockOutcome actual = BlockRuns.Parallel(block, processor);
            Assert.Null(OutcomeDiff.Find(expected, actual));
            Assert.Equal(new UInt256(30), actual.Flat.GetStorage(ConflictContracts.Capped, 0));
            ParallelStatistics s = processor.LastStatistics;
            Assert.True(s.Executions >= ops.Length, $"fewer executions than transactions: {s}");
            conflicted = s.Reexecutions > 0 || s.FallbackUsed;
            seen.Add(s.ToString());
        }
        Assert.True(conflicted, $"thirty increments of one slot at {threads} threads never re-executed nor fell back: {string.Join(" | ", seen)}");
    }

    [Fact]
    public void Statistics_describe_the_last_block()
    {
        var processor = new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = 2, SmallBlockThreshold = 8 });
        TxOp[] hot = [.. Enumerable.Range(0, 12).Select(i => new TxOp(OpKind.Increment, i % 5, 3, 0, 1))];
        BlockRuns.Parallel(ConflictBlockBuilder.Build(ConflictBlockSanityTests.Case(0, CoinbaseKind.FundedEoa, default, hot)), processor);
        Assert.Equal(12, processor.LastStatistics.Transactions);
        BlockRuns.Parallel(IndependentTransfers(), processor);
        Assert.Equal(TransferCount, processor.LastStatistics.Transactions);
        Assert.Equal(0, processor.LastStatistics.Reexecutions);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_senders_run_and_the_fee_recipients_own_transactions_are_not_reexecuted(int threads)
    {
        // A wallet's run of fifteen transactions and five payouts from the fee recipient, among ten strangers:
        // each run transaction waits for its predecessor's write or goes to the committer, and the payouts
        // (whose balance every earlier fee changes) go straight to the committer, so none is speculated stale.
        BuiltBlock block = RunsAndPayouts();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var processor = new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = threads, SmallBlockThreshold = 8 });
            BlockOutcome actual = BlockRuns.Parallel(block, processor);
            Assert.Null(OutcomeDiff.Find(BlockRuns.Sequential(block), actual));
            ParallelStatistics s = processor.LastStatistics;
            Assert.True(s.Reexecutions == 0, $"a sender's run or a payout was speculated stale at {threads} threads: {s}");
            Assert.True(s.SequentialExecutions >= 5, $"the fee recipient's payouts were speculated: {s}");
        }
    }

    private static BuiltBlock RunsAndPayouts()
    {
        Address coinbase = ConflictGenesis.FeeEoa;
        Address wallet = Address.FromLowBytes(0xB200_0000UL);
        Address Stranger(int i) => Address.FromLowBytes(0xB000_0000UL + (ulong)i);
        Address Recipient(int i) => Address.FromLowBytes(0xB100_0000UL + (ulong)i);
        var plan = new List<(Address Sender, ulong Nonce)>();
        int walletNonce = 0, payouts = 0, strangers = 0;
        for (int i = 0; i < 30; i++)
        {
            if (i % 6 == 5) plan.Add((coinbase, (ulong)payouts++));
            else if (i % 3 == 0 && strangers < 10) plan.Add((Stranger(strangers++), 0));
            else plan.Add((wallet, (ulong)walletNonce++));
        }
        Transaction[] txs = [.. plan.Select((p, i) => TransferBlocks.Transfer(i, p.Sender, p.Nonce, Recipient(i), (ulong)i + 1))];
        return TransferBlocks.Build(coinbase, txs, [coinbase, wallet, .. Enumerable.Range(0, 10).Select(Stranger)], new Knobs(1, 64, 24, 32));
    }

    /// <summary>Twenty senders each paying a different recipient: no two transactions share an account but the fee recipient.</summary>
    private static BuiltBlock IndependentTransfers()
    {
        Address coinbase = ConflictGenesis.FeeEoa;
        Address Sender(int i) => Address.FromLowBytes(0xB000_0000UL + (ulong)i);
        Address Recipient(int i) => Address.FromLowBytes(0xB100_0000UL + (ulong)i);
        Transaction[] txs = [.. Enumerable.Range(0, TransferCount).Select(i => TransferBlocks.Transfer(i, Sender(i), 0, Recipient(i), (ulong)i + 1))];
        return TransferBlocks.Build(coinbase, txs, [coinbase, .. Enumerable.Range(0, TransferCount).Select(Sender)], new Knobs(1, 64, 24, 32));
    }
}
