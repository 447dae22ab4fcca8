using EvmCluster.Coordinator.Cluster;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using static EvmCluster.Coordinator.Tests.Cluster.ClusterTx;

namespace EvmCluster.Coordinator.Tests.Cluster;

/// <summary>
/// The batch planner keeps transactions with a common key (sender, plain-transfer recipient, predicted
/// written cell) on one worker and spreads the rest. Senders are numbered from 1 000, recipients from
/// 2 000, contracts from 0xc000, so no two roles share an address by accident.
/// </summary>
public sealed class BatchPlannerTests
{
    private const uint MintSelector = 0x40c10f19;
    private const uint TransferSelector = 0xa9059cbb;

    private static readonly Address Counter = Addr(0xc001), Token = Addr(0xc002);

    private static Address Sender(int i) => Addr(1_000 + (ulong)i);
    private static Address Recipient(int i) => Addr(2_000 + (ulong)i);

    /// <summary>Accounts spread over workers by their low bits, as a shard map would.</summary>
    private static Func<Address, int> Spread(int workers) => a => (int)(a.LowUInt32 % (uint)workers);

    /// <summary>A call to the counter contract; the amount word differs per call, so it never recurs.</summary>
    private static Transaction Bump(int sender) => Call(Sender(sender), Counter, MintSelector, Word(1 + (ulong)sender));

    private static void AssertValid(int[] plan, int count, int workers)
    {
        Assert.Equal(count, plan.Length);
        Assert.All(plan, w => Assert.InRange(w, 0, workers - 1));
    }

    private static int MaxLoad(int[] plan, int workers) => Enumerable.Range(0, workers).Max(w => plan.Count(p => p == w));

    [Fact]
    public void Transactions_from_one_sender_share_a_worker()
    {
        // Sender 7's calls go to contracts owned by different workers; others are independent transfers.
        Transaction[] txs =
        [
            Call(Sender(7), Addr(0xc010), MintSelector), Transfer(Sender(1), Recipient(1)),
            Call(Sender(7), Addr(0xc011), MintSelector), Transfer(Sender(2), Recipient(2)),
            Transfer(Sender(7), Recipient(3)), Transfer(Sender(4), Recipient(4)),
        ];

        int[] plan = new BatchPlanner().Plan(txs, 3, Spread(3));

        AssertValid(plan, txs.Length, 3);
        Assert.Equal(plan[0], plan[2]);
        Assert.Equal(plan[0], plan[4]);
    }

    [Fact]
    public void Plain_transfers_to_one_recipient_share_a_worker()
    {
        Transaction[] txs = [.. Enumerable.Range(0, 6).Select(i => Transfer(Sender(i), Recipient(9))), .. Enumerable.Range(10, 6).Select(i => Transfer(Sender(i), Recipient(i)))];

        int[] plan = new BatchPlanner().Plan(txs, 4, Spread(4));

        AssertValid(plan, txs.Length, 4);
        Assert.Single(plan.Take(6).Distinct());
    }

    [Fact]
    public void A_transfer_recipient_that_later_sends_shares_a_worker()
    {
        // The recipient's balance is its sending account: credit and spend belong in one batch.
        Transaction[] txs = [Transfer(Sender(1), Recipient(1)), Transfer(Sender(2), Recipient(2)), Call(Recipient(1), Counter, MintSelector, Word(5))];

        int[] plan = new BatchPlanner().Plan(txs, 3, Spread(3));

        Assert.Equal(plan[0], plan[2]);
    }

    [Fact]
    public void Calls_to_one_contract_are_not_grouped_by_the_contract_alone()
    {
        // Without predictions, two calls to one contract share nothing the plan knows: they are spread.
        int[] plan = new BatchPlanner().Plan([Bump(1), Bump(2)], 2, _ => 0);

        Assert.NotEqual(plan[0], plan[1]);
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(10, 3)]
    [InlineData(7, 7)]
    [InlineData(5, 8)]
    [InlineData(13, 1)]
    public void Independent_transactions_are_spread_evenly(int count, int workers)
    {
        Transaction[] txs = [.. Enumerable.Range(0, count).Select(i => Transfer(Sender(i), Recipient(i)))];
        int fair = (count + workers - 1) / workers;

        // Every account homed on worker 0, or spread: either way no worker exceeds its fair share.
        foreach (Func<Address, int> workerOf in new[] { (Func<Address, int>)(_ => 0), Spread(workers) })
        {
            int[] plan = new BatchPlanner().Plan(txs, workers, workerOf);
            AssertValid(plan, count, workers);
            Assert.True(MaxLoad(plan, workers) <= fair, $"max load {MaxLoad(plan, workers)} over fair share {fair}");
        }
    }

    [Fact]
    public void Home_worker_is_used_when_it_does_not_overload()
    {
        // Transaction i's sender and recipient both live on worker 3 - i.
        Transaction[] txs = [.. Enumerable.Range(0, 4).Select(i => Transfer(Sender(i), Recipient(i)))];
        Func<Address, int> workerOf = a => 3 - (int)(a.LowUInt32 % 1_000);

        Assert.Equal([3, 2, 1, 0], new BatchPlanner().Plan(txs, 4, workerOf));
    }

    [Fact]
    public void Home_worker_takes_its_fair_share_and_no_more()
    {
        // Every account lives on worker 2: it gets two of six (the fair share), the rest go elsewhere.
        Transaction[] txs = [.. Enumerable.Range(0, 6).Select(i => Transfer(Sender(i), Recipient(i)))];

        int[] plan = new BatchPlanner().Plan(txs, 3, _ => 2);

        Assert.Equal(2, plan.Count(w => w == 2));
        Assert.Equal(2, MaxLoad(plan, 3));
    }

    /// <summary>A learning block in which every counter call writes the counter's slot 0 and one cell of its own.</summary>
    private static (Transaction[] Block, SpeculativeOutcome[] Outcomes) CounterBlock() =>
        ([.. Enumerable.Range(0, 4).Select(Bump)],
         [.. Enumerable.Range(0, 4).Select(i => Outcome(writes: [Cell(Counter, 0), Cell(Counter, 100 + (ulong)i)]))]);

    /// <summary>A planner that learned three token transfers, which read balances[msg.sender] and balances[to] (slot 0) and write them: no hot cell.</summary>
    private static BatchPlanner PlannerThatLearnedTokenTransfers()
    {
        Transaction[] block = [.. Enumerable.Range(0, 3).Select(i => Call(Sender(i), Token, TransferSelector, Word(Recipient(i)), Word(10 + (ulong)i)))];
        SpeculativeOutcome[] outcomes = [.. Enumerable.Range(0, 3).Select(i =>
        {
            StorageCell[] balances = [Cell(Token, MappingSlot(Sender(i), 0)), Cell(Token, MappingSlot(Recipient(i), 0))];
            return Outcome(reads: balances, writes: balances);
        })];
        var planner = new BatchPlanner();
        planner.Learn(block, outcomes);
        return planner;
    }

    [Fact]
    public void Calls_writing_a_hot_cell_share_a_batch_after_learning()
    {
        var (block, outcomes) = CounterBlock();
        Transaction[] next = [.. Enumerable.Range(10, 6).Select(Bump), .. Enumerable.Range(20, 6).Select(i => Transfer(Sender(i), Recipient(i)))];

        // Before learning, the calls are spread (so the grouping below comes from what was learned).
        int[] before = new BatchPlanner().Plan(next, 3, Spread(3));
        Assert.True(before.Take(6).Distinct().Count() > 1);

        var planner = new BatchPlanner();
        planner.Learn(block, outcomes);
        int[] plan = planner.Plan(next, 3, Spread(3));

        AssertValid(plan, next.Length, 3);
        Assert.Single(plan.Take(6).Distinct());
        Assert.Contains(Cell(Counter, 0), planner.HotSlots(Bump(30)));
    }

    [Fact]
    public void Learned_mapping_slots_group_transfers_to_one_recipient()
    {
        BatchPlanner planner = PlannerThatLearnedTokenTransfers();

        // Two new senders pay one recipient; four more pay distinct ones.
        Transaction[] next = [.. Enumerable.Range(10, 6).Select(i => Call(Sender(i), Token, TransferSelector, Word(Recipient(i < 12 ? 50 : i)), Word(7 + (ulong)i)))];
        int[] plan = planner.Plan(next, 3, Spread(3));

        AssertValid(plan, next.Length, 3);
        Assert.Equal(plan[0], plan[1]);
        Assert.True(plan.Distinct().Count() > 1, "unrelated transfers should not all be one batch");
        AssertCells([Cell(Token, MappingSlot(Sender(40), 0)), Cell(Token, MappingSlot(Recipient(41), 0))],
            planner.HotSlots(Call(Sender(40), Token, TransferSelector, Word(Recipient(41)), Word(1))));
    }

    [Fact]
    public void Cells_predicted_on_several_threads_are_each_transactions_own_and_plan_alike()
    {
        BatchPlanner planner = PlannerThatLearnedTokenTransfers();
        Transaction[] next = [.. Enumerable.Range(100, 2_000).Select(i => Call(Sender(i), Token, TransferSelector, Word(Recipient(i % 300)), Word((ulong)i)))];

        PredictedCell[][] predicted = planner.PredictAll(next, 4);

        for (int i = 0; i < next.Length; i++)
        {
            AssertCells([Cell(Token, MappingSlot(Sender(100 + i), 0)), Cell(Token, MappingSlot(Recipient((100 + i) % 300), 0))], predicted[i]);
            Assert.All(predicted[i], c => Assert.True(c.Written && c.Prefetch));
        }
        Assert.Equal(planner.Plan(next, 3, Spread(3)), planner.Plan(next, predicted, 3, Spread(3)));
    }

    [Fact]
    public void What_is_learned_in_the_background_is_there_for_the_next_plan()
    {
        var (block, outcomes) = CounterBlock();
        Transaction[] next = [.. Enumerable.Range(10, 6).Select(Bump)];
        var planner = new BatchPlanner();

        planner.LearnInBackground(block, outcomes);
        int[] plan = planner.Plan(next, 3, Spread(3));

        Assert.Single(plan.Distinct());
        Assert.Contains(Cell(Counter, 0), planner.HotSlots(Bump(30)));
    }

    [Fact]
    public void A_background_learning_failure_surfaces_at_the_next_call_and_only_there()
    {
        var planner = new BatchPlanner();
        // One outcome for two transactions: learning reads past the end.
        planner.LearnInBackground([Bump(1), Bump(2)], [Outcome(writes: [Cell(Counter, 0)])]);

        Assert.Throws<IndexOutOfRangeException>(() => planner.Plan([Bump(3)], 2, Spread(2)));
        Assert.Equal([0], planner.Plan([Bump(3)], 1, Spread(1)));
    }

    [Fact]
    public void A_cell_no_longer_hot_is_dropped_by_the_next_block()
    {
        var planner = new BatchPlanner();
        planner.Learn([Bump(0), Bump(1)], [Outcome(writes: [Cell(Counter, 0)]), Outcome(writes: [Cell(Counter, 0)])]);
        Assert.Contains(Cell(Counter, 0), planner.HotSlots(Bump(5)));

        // Three calls writing only cells of their own: nothing is hot any more.
        planner.Learn([Bump(2), Bump(3), Bump(4)], [.. Enumerable.Range(0, 3).Select(i => Outcome(writes: [Cell(Counter, 200 + (ulong)i)]))]);

        Assert.Empty(planner.HotSlots(Bump(5)));
    }

    [Fact]
    public void A_lone_call_makes_no_hot_cell()
    {
        // One call in a block says nothing about what calls of its selector share.
        var planner = new BatchPlanner();
        planner.Learn([Bump(0)], [Outcome(writes: [Cell(Counter, 0)])]);

        Assert.Empty(planner.HotSlots(Bump(5)));
    }

    [Fact]
    public void Forget_drops_what_was_learned()
    {
        var planner = new BatchPlanner();
        planner.Learn([.. Enumerable.Range(0, 4).Select(Bump)], [.. Enumerable.Range(0, 4).Select(_ => Outcome(writes: [Cell(Counter, 0)]))]);
        Assert.NotEmpty(planner.HotSlots(Bump(9)));

        planner.Forget();

        Assert.Empty(planner.HotSlots(Bump(9)));
        int[] plan = planner.Plan([Bump(10), Bump(11)], 2, _ => 0);
        Assert.NotEqual(plan[0], plan[1]);
    }

    [Fact]
    public void A_cell_written_by_one_of_two_calls_is_not_hot()
    {
        // Two token transfers, each writing only its own sender's and recipient's balances.
        var planner = new BatchPlanner();
        planner.Learn([Call(Sender(0), Token, TransferSelector), Call(Sender(1), Token, TransferSelector)],
            [Outcome(writes: [Cell(Token, 10), Cell(Token, 11)]), Outcome(writes: [Cell(Token, 20), Cell(Token, 21)])]);

        Assert.Empty(planner.HotSlots(Call(Sender(2), Token, TransferSelector)));
        int[] plan = planner.Plan([.. Enumerable.Range(10, 8).Select(i => Call(Sender(i), Token, TransferSelector))], 4, Spread(4));
        Assert.True(plan.Distinct().Count() > 1, "unrelated transfers should not all be one batch");
    }

    [Fact]
    public void A_mapping_slot_only_read_does_not_group_calls()
    {
        // Three transfers read excluded[address(this)] (slot 5) without writing it, and move their own balances.
        Transaction[] block = [.. Enumerable.Range(0, 3).Select(i => Call(Sender(i), Token, TransferSelector, Word(Recipient(i)), Word(10 + (ulong)i)))];
        SpeculativeOutcome[] outcomes = [.. Enumerable.Range(0, 3).Select(i =>
        {
            StorageCell[] balances = [Cell(Token, MappingSlot(Sender(i), 0)), Cell(Token, MappingSlot(Recipient(i), 0))];
            return Outcome(reads: [Cell(Token, MappingSlot(Token, 5)), .. balances], writes: balances);
        })];
        var planner = new BatchPlanner();
        planner.Learn(block, outcomes);

        int[] plan = planner.Plan([.. Enumerable.Range(10, 8).Select(i => Call(Sender(i), Token, TransferSelector, Word(Recipient(i)), Word(7 + (ulong)i)))], 4, Spread(4));
        Assert.True(plan.Distinct().Count() > 1, "unrelated transfers should not all be one batch");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(5, 4)]
    [InlineData(8, 5)]
    public void Every_transaction_gets_a_worker_in_range(int workers, int seed)
    {
        var random = new Random(seed);
        var planner = new BatchPlanner();
        // Learn something first, so predicted cells take part too.
        planner.Learn([.. Enumerable.Range(0, 4).Select(Bump)], [.. Enumerable.Range(0, 4).Select(_ => Outcome(writes: [Cell(Counter, 0)]))]);

        // A mix of shared senders, shared recipients, contract calls and contract creations.
        Transaction[] txs = [.. Enumerable.Range(0, 60).Select(i => random.Next(4) switch
        {
            0 => Transfer(Sender(random.Next(10)), Recipient(random.Next(10))),
            1 => Bump(random.Next(40)),
            2 => new Transaction { Sender = Sender(random.Next(10)), Data = [0x60, 0x00] },
            _ => Call(Sender(random.Next(30)), Token, TransferSelector, Word(Recipient(random.Next(5))), Word((ulong)i)),
        })];

        AssertValid(planner.Plan(txs, workers, Spread(workers)), txs.Length, workers);
        Assert.Empty(planner.Plan([], workers, Spread(workers)));
    }
}
