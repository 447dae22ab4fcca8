using EvmCluster.Coordinator.Cluster;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using static EvmCluster.Coordinator.Tests.Cluster.ClusterTx;

namespace EvmCluster.Coordinator.Tests.Cluster;

/// <summary>
/// Argument-keyed slots: calls to one contract and selector whose calldata word has a value recurring in
/// the block learn the cells all of them touched. Word 0 is the recurring value (a pool or token); word 1
/// is an amount that differs per call, so it never recurs.
/// </summary>
public sealed class ArgumentKeyedSlotsTests
{
    private const uint SwapSelector = 0x022c0d9f;
    private const uint OtherSelector = 0x12345678;

    private static readonly Address Pool = Addr(0x9001), Other = Addr(0x9002);
    private static readonly Address PairA = Addr(0xaaaa), PairB = Addr(0xbbbb);

    private static Transaction Swap(ulong sender, Address pair, ulong amount) => Call(Addr(sender), Pool, SwapSelector, Word(pair), Word(amount));

    private static (HashSet<StorageCell> Writes, HashSet<StorageCell> Touches) Predict(ArgumentKeyedSlots slots, Transaction tx) =>
        (slots.Predict(tx).Where(c => c.Written).Select(c => c.Cell).ToHashSet(), slots.Predict(tx).Where(c => c.Prefetch).Select(c => c.Cell).ToHashSet());

    private static IEnumerable<StorageCell> Cells(Address contract, int from, int count) =>
        Enumerable.Range(from, count).Select(i => Cell(contract, (ulong)i));

    [Fact]
    public void A_value_seen_in_one_call_is_not_learned()
    {
        var slots = new ArgumentKeyedSlots();
        // Each pair appears once in its block, here and again in a second block: never twice in one block.
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairB, 20)],
            [Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2)]), Outcome(reads: [Cell(PairB, 1)], writes: [Cell(PairB, 2)])]);
        slots.Learn([Swap(3, PairA, 30)], [Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2)])]);

        var (writes, touches) = Predict(slots, Swap(4, PairA, 40));
        Assert.Empty(writes);
        Assert.Empty(touches);
    }

    [Fact]
    public void What_the_first_call_of_a_block_touched_is_read_ahead_for_later_calls_without_grouping_them()
    {
        var slots = new ArgumentKeyedSlots();
        // The first swap of PairA in a block also updates its accumulators (cells 9 and 10) and writes its
        // sender's cell (11 reads one more); later swaps do not. The sender differs between the blocks' first calls.
        void LearnBlock(ulong firstSender)
        {
            Transaction[] block = [Swap(firstSender, PairA, 10), Swap(firstSender + 1, PairA, 20), Swap(firstSender + 2, PairA, 30)];
            SpeculativeOutcome[] outcomes =
            [
                Outcome(reads: [Cell(PairA, 1), Cell(PairA, 9), Cell(PairA, 11)], writes: [Cell(PairA, 2), Cell(PairA, 9), Cell(PairA, 10), Cell(Addr(firstSender), 0)]),
                Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2)]),
                Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2)]),
            ];
            slots.LearnFirstCalls(block, outcomes);
            slots.Learn(block, outcomes);
        }

        LearnBlock(100);
        LearnBlock(200);

        var (writes, touches) = Predict(slots, Swap(4, PairA, 40));
        AssertCells([Cell(PairA, 2)], writes);
        AssertCells([Cell(PairA, 1), Cell(PairA, 2), Cell(PairA, 9), Cell(PairA, 10)], touches);
    }

    [Fact]
    public void A_first_call_value_seen_once_in_its_block_is_not_learned()
    {
        var slots = new ArgumentKeyedSlots();
        Transaction[] block = [Swap(1, PairA, 10), Swap(2, PairA, 20), Swap(3, PairB, 30)];
        SpeculativeOutcome[] outcomes =
        [
            Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 9)]),
            Outcome(reads: [Cell(PairA, 1)], writes: []),
            Outcome(reads: [Cell(PairB, 1)], writes: [Cell(PairB, 9)]),
        ];
        slots.LearnFirstCalls(block, outcomes);
        slots.Learn(block, outcomes);

        Assert.Contains(Cell(PairA, 9), Predict(slots, Swap(4, PairA, 40)).Touches);
        Assert.Empty(Predict(slots, Swap(5, PairB, 50)).Touches);
    }

    [Fact]
    public void A_recurring_value_learns_the_cells_every_call_touched()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20), Swap(3, PairB, 30)],
        [
            Outcome(reads: [Cell(PairA, 1), Cell(PairA, 7)], writes: [Cell(PairA, 2)]),
            // Cell 7 only the first call read, cell 9 only the second wrote: both are dropped.
            Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2), Cell(PairA, 9)]),
            Outcome(reads: [Cell(PairB, 1)], writes: [Cell(PairB, 2)]),
        ]);

        var (writes, touches) = Predict(slots, Swap(4, PairA, 40));
        AssertCells([Cell(PairA, 2)], writes);
        AssertCells([Cell(PairA, 1), Cell(PairA, 2)], touches);

        // PairB appeared once, so a call naming it predicts nothing.
        var (writesB, touchesB) = Predict(slots, Swap(5, PairB, 50));
        Assert.Empty(writesB);
        Assert.Empty(touchesB);
    }

    [Fact]
    public void Writes_and_touches_are_reported_separately()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)],
        [
            Outcome(reads: [Cell(PairA, 1)], writes: [Cell(PairA, 2), Cell(PairA, 3)]),
            // Cell 3 is written by the first call and only read by the second: touched by both, written by one.
            Outcome(reads: [Cell(PairA, 1), Cell(PairA, 3)], writes: [Cell(PairA, 2)]),
        ]);

        var (writes, touches) = Predict(slots, Swap(3, PairA, 30));
        AssertCells([Cell(PairA, 2)], writes);
        AssertCells([Cell(PairA, 1), Cell(PairA, 2), Cell(PairA, 3)], touches);
    }

    [Fact]
    public void Learned_cells_may_live_in_any_contract()
    {
        // The cells are those of the pair the word names, not of the called pool.
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)],
            [Outcome(writes: [Cell(PairA, 8), Cell(Pool, 1)]), Outcome(writes: [Cell(PairA, 8), Cell(Pool, 2)])]);

        AssertCells([Cell(PairA, 8)], Predict(slots, Swap(3, PairA, 30)).Writes);
    }

    [Fact]
    public void More_than_sixteen_common_cells_are_dropped()
    {
        var slots = new ArgumentKeyedSlots();
        // PairA: 17 cells both calls read and wrote. PairB: 16 read, and 17 common reads via one write each.
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20), Swap(3, PairB, 30), Swap(4, PairB, 40)],
        [
            Outcome(writes: Cells(PairA, 0, 17)),
            Outcome(writes: Cells(PairA, 0, 17)),
            Outcome(reads: Cells(PairB, 0, 16), writes: [Cell(PairB, 100)]),
            Outcome(reads: Cells(PairB, 0, 16), writes: [Cell(PairB, 100)]),
        ]);

        var (writesA, touchesA) = Predict(slots, Swap(5, PairA, 50));
        Assert.Empty(writesA);
        Assert.Empty(touchesA);

        // Sixteen reads plus the common write is seventeen touched cells: touches dropped, the one write kept.
        var (writesB, touchesB) = Predict(slots, Swap(6, PairB, 60));
        AssertCells([Cell(PairB, 100)], writesB);
        Assert.Empty(touchesB);
    }

    [Fact]
    public void Sixteen_common_cells_are_kept()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)], [Outcome(writes: Cells(PairA, 0, 16)), Outcome(writes: Cells(PairA, 0, 16))]);

        var (writes, touches) = Predict(slots, Swap(3, PairA, 30));
        AssertCells(Cells(PairA, 0, 16), writes);
        AssertCells(Cells(PairA, 0, 16), touches);
    }

    [Fact]
    public void Size_is_judged_after_intersecting()
    {
        var slots = new ArgumentKeyedSlots();
        // The first call touches forty cells of its own; only three are common to both.
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)],
            [Outcome(reads: Cells(PairA, 0, 40)), Outcome(reads: [Cell(PairA, 5), Cell(PairA, 6), Cell(PairA, 7), Cell(PairA, 99)])]);

        AssertCells([Cell(PairA, 5), Cell(PairA, 6), Cell(PairA, 7)], Predict(slots, Swap(3, PairA, 30)).Touches);
    }

    [Fact]
    public void Predicts_only_for_the_same_contract_and_selector()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)], [Outcome(writes: [Cell(PairA, 2)]), Outcome(writes: [Cell(PairA, 2)])]);

        Assert.Empty(Predict(slots, Call(Addr(3), Other, SwapSelector, Word(PairA), Word(30))).Touches);
        Assert.Empty(Predict(slots, Call(Addr(3), Pool, OtherSelector, Word(PairA), Word(30))).Touches);
        // The value must sit in the same word: PairA as word 1 is another key.
        Assert.Empty(Predict(slots, Call(Addr(3), Pool, SwapSelector, Word(30), Word(PairA))).Touches);
        Assert.NotEmpty(Predict(slots, Swap(3, PairA, 30)).Touches);
    }

    [Fact]
    public void Later_blocks_keep_intersecting()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)],
            [Outcome(writes: [Cell(PairA, 1), Cell(PairA, 2)]), Outcome(writes: [Cell(PairA, 1), Cell(PairA, 2)])]);
        // The next block's calls no longer write cell 2.
        slots.Learn([Swap(3, PairA, 30), Swap(4, PairA, 40)], [Outcome(writes: [Cell(PairA, 1)]), Outcome(writes: [Cell(PairA, 1)])]);

        AssertCells([Cell(PairA, 1)], Predict(slots, Swap(5, PairA, 50)).Writes);
    }

    [Fact]
    public void Forget_clears_learned_cells()
    {
        var slots = new ArgumentKeyedSlots();
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)], [Outcome(writes: [Cell(PairA, 2)]), Outcome(writes: [Cell(PairA, 2)])]);
        Assert.NotEmpty(Predict(slots, Swap(3, PairA, 30)).Writes);

        slots.Forget();

        var (writes, touches) = Predict(slots, Swap(3, PairA, 30));
        Assert.Empty(writes);
        Assert.Empty(touches);
    }

    [Fact]
    public void Calls_without_changes_learn_nothing()
    {
        var slots = new ArgumentKeyedSlots();
        SpeculativeOutcome invalid = new(new TransactionResult(), null);
        slots.Learn([Swap(1, PairA, 10), Swap(2, PairA, 20)], [null, invalid]);

        Assert.Empty(Predict(slots, Swap(3, PairA, 30)).Touches);
    }
}
