using EvmCluster.Coordinator.Cluster;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using static EvmCluster.Coordinator.Tests.Cluster.ClusterTx;

namespace EvmCluster.Coordinator.Tests.Cluster;

/// <summary>
/// The slot predictor learns Solidity mapping formulas from one block's reads and applies them to new
/// transactions. Expected slots are hashed here by hand, so a wrong formula or key source shows.
/// </summary>
public sealed class SlotPredictorTests
{
    private const uint TransferSelector = 0xa9059cbb;       // transfer(address,uint256)
    private const uint ApproveSelector = 0x095ea7b3;        // approve(address,uint256)
    private const uint TransferFromSelector = 0x23b872dd;   // transferFrom(address,address,uint256)
    private const uint SwapSelector = 0x38ed1739;           // a router swap

    private static readonly Address Alice = Addr(0xa11ce), Bob = Addr(0xb0b), Carol = Addr(0xca01), Dave = Addr(0xda7e);
    private static readonly Address Token = Addr(0x70c0), Token2 = Addr(0x70c2), Router = Addr(0x4047e4), Weth = Addr(0x3e74);

    private static SlotPredictor Learned(Transaction tx, SpeculativeOutcome? outcome)
    {
        var predictor = new SlotPredictor();
        predictor.Learn([tx], [outcome]);
        return predictor;
    }

    /// <summary>
    /// A router call with seven words: amounts, an offset, the recipient (Carol, so it is not the sender), a
    /// deadline, the path length, and in word 6 the token, as a swap path's entry would be.
    /// </summary>
    private static Transaction RouterSwap(Address sender, Address token, ulong amount) =>
        Call(sender, Router, SwapSelector, Word(amount), Word(1), Word(0xe0), Word(Carol), Word(1_700_000_000), Word(2), Word(token));

    [Fact]
    public void Learns_balance_keyed_by_sender()
    {
        // balances at slot 3, read for msg.sender; the amount word matches no formula.
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 3))]));

        AssertCells([Cell(Token, MappingSlot(Bob, 3))], predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Learns_balance_keyed_by_a_calldata_word()
    {
        // transfer(to, amount) reads balances[msg.sender] and balances[to] at slot 0.
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 0)), Cell(Token, MappingSlot(Dave, 0))]));

        AssertCells([Cell(Token, MappingSlot(Bob, 0)), Cell(Token, MappingSlot(Carol, 0))],
            predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Learns_nested_mapping_keyed_by_sender_then_calldata_word()
    {
        // approve(spender, amount) reads allowance[msg.sender][spender], allowance at slot 1.
        SlotPredictor predictor = Learned(Call(Alice, Token, ApproveSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, NestedSlot(Alice, Dave, 1))]));

        // Bob approving Carol: the outer key is the sender, the inner one the word; swapping them would be another slot.
        AssertCells([Cell(Token, NestedSlot(Bob, Carol, 1))], predictor.Predict(Call(Bob, Token, ApproveSelector, Word(Carol), Word(9))));
        Assert.NotEqual(NestedSlot(Bob, Carol, 1), NestedSlot(Carol, Bob, 1));
    }

    [Fact]
    public void Learns_nested_mapping_keyed_by_calldata_word_then_sender()
    {
        // transferFrom(from, to, amount) by a spender reads allowance[from][msg.sender].
        SlotPredictor predictor = Learned(Call(Dave, Token, TransferFromSelector, Word(Alice), Word(Carol), Word(500)),
            Outcome(reads: [Cell(Token, NestedSlot(Alice, Dave, 1))]));

        AssertCells([Cell(Token, NestedSlot(Carol, Bob, 1))], predictor.Predict(Call(Bob, Token, TransferFromSelector, Word(Carol), Word(Alice), Word(9))));
    }

    [Fact]
    public void Learns_balance_in_the_token_a_calldata_word_names()
    {
        // The router reads Token's balances[msg.sender] (slot 0) and its own slot 5, which no formula explains.
        SlotPredictor predictor = Learned(RouterSwap(Alice, Token, 1000),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 0)), Cell(Router, 5)]));

        // A new swap naming another token: the balance is in that token, keyed by the new sender.
        AssertCells([Cell(Token2, MappingSlot(Bob, 0))], predictor.Predict(RouterSwap(Bob, Token2, 3)));
    }

    [Fact]
    public void Learns_balance_of_the_called_contract_in_a_named_token()
    {
        // The router checks its own balance in the token: balanceOf(address(this)).
        SlotPredictor predictor = Learned(RouterSwap(Alice, Token, 1000), Outcome(reads: [Cell(Token, MappingSlot(Router, 0))]));

        AssertCells([Cell(Token2, MappingSlot(Router, 0))], predictor.Predict(RouterSwap(Bob, Token2, 3)));
    }

    [Fact]
    public void Keeps_the_contract_fixed_when_no_calldata_word_names_it()
    {
        // The router always touches Weth, which its calldata does not name.
        SlotPredictor predictor = Learned(RouterSwap(Alice, Token, 1000), Outcome(reads: [Cell(Weth, MappingSlot(Alice, 3))]));

        AssertCells([Cell(Weth, MappingSlot(Bob, 3))], predictor.Predict(RouterSwap(Bob, Token2, 3)));
    }

    [Fact]
    public void Keeps_the_called_contract_fixed_even_when_a_word_names_it()
    {
        // A transfer to the token itself: word 0 names the called contract, which must not make it a named-contract rule.
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Token), Word(500)), Outcome(reads: [Cell(Token, MappingSlot(Alice, 0))]));

        AssertCells([Cell(Token, MappingSlot(Bob, 0))], predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Named_contract_rule_skips_a_word_that_is_not_an_address()
    {
        SlotPredictor predictor = Learned(RouterSwap(Alice, Token, 1000), Outcome(reads: [Cell(Token, MappingSlot(Alice, 0))]));

        // Word 6 now has high bytes set: it names no contract, so there is no cell to predict.
        Transaction odd = Call(Bob, Router, SwapSelector, Word(3), Word(1), Word(0xe0), Word(Carol), Word(1_700_000_000), Word(2), WideWord(0x70c2));
        Assert.Empty(predictor.Predict(odd));
    }

    [Fact]
    public void Predicts_nothing_for_another_selector_or_contract()
    {
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 0)), Cell(Token, MappingSlot(Dave, 0))]));

        Assert.Empty(predictor.Predict(Call(Bob, Token, ApproveSelector, Word(Carol), Word(7))));
        Assert.Empty(predictor.Predict(Call(Bob, Token2, TransferSelector, Word(Carol), Word(7))));
        Assert.Empty(predictor.Predict(Transfer(Bob, Token)));
        Assert.Empty(predictor.Predict(new Transaction { Sender = Bob, Data = Calldata(TransferSelector, Word(Carol), Word(7)) }));
        // The learned call itself still predicts, so the empties above are about the key, not an empty predictor.
        Assert.NotEmpty(predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Predicts_only_the_rules_a_short_calldata_can_key()
    {
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 0)), Cell(Token, MappingSlot(Dave, 0))]));

        // Just the selector: the sender's balance is still known, the recipient's word is missing.
        AssertCells([Cell(Token, MappingSlot(Bob, 0))], predictor.Predict(Call(Bob, Token, TransferSelector)));
    }

    [Fact]
    public void Forget_clears_learned_rules()
    {
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)),
            Outcome(reads: [Cell(Token, MappingSlot(Alice, 0))]));
        Assert.NotEmpty(predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));

        predictor.Forget();

        Assert.Empty(predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Reads_matching_no_formula_learn_nothing()
    {
        Address stranger = Addr(0x5eeee);
        SlotPredictor predictor = Learned(Call(Alice, Token, TransferSelector, Word(Dave), Word(500)), Outcome(reads:
        [
            Cell(Token, 0),                                  // a plain variable
            Cell(Token, MappingSlot(stranger, 0)),           // keyed by an address the transaction does not hold
            Cell(Token, Swapped(Alice, 0)),                  // key and slot in the wrong order
        ]));

        Assert.Empty(predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
        Assert.Empty(predictor.Predict(Call(Alice, Token, TransferSelector, Word(Dave), Word(500))));
    }

    [Fact]
    public void Missing_or_invalid_outcomes_learn_nothing()
    {
        var predictor = new SlotPredictor();
        Transaction tx = Call(Alice, Token, TransferSelector, Word(Dave), Word(500));
        // A transaction invalid on its worker has no changes; one that was not run has no outcome.
        predictor.Learn([tx, tx], [null, new SpeculativeOutcome(new TransactionResult(), null)]);

        Assert.Empty(predictor.Predict(Call(Bob, Token, TransferSelector, Word(Carol), Word(7))));
    }

    [Fact]
    public void Rules_from_later_blocks_add_to_earlier_ones()
    {
        var predictor = new SlotPredictor();
        predictor.Learn([Call(Alice, Token, TransferSelector, Word(Dave), Word(500))], [Outcome(reads: [Cell(Token, MappingSlot(Alice, 0))])]);
        predictor.Learn([Call(Carol, Token, TransferSelector, Word(Dave), Word(500))], [Outcome(reads: [Cell(Token, MappingSlot(Dave, 0))])]);

        AssertCells([Cell(Token, MappingSlot(Bob, 0)), Cell(Token, MappingSlot(Alice, 0))],
            predictor.Predict(Call(Bob, Token, TransferSelector, Word(Alice), Word(7))));
    }

    /// <summary>keccak256(pad32(p) ‖ pad32(key)): not Solidity's layout.</summary>
    private static Evm.Numerics.UInt256 Swapped(Address key, ulong p)
    {
        var preimage = new byte[64];
        Word(p).CopyTo(preimage, 0);
        Word(key).CopyTo(preimage, 32);
        var digest = new byte[32];
        Evm.Crypto.Keccak256.Compute(preimage, digest);
        return new Evm.Numerics.UInt256(digest);
    }
}
