using CsCheck;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using Xunit.Abstractions;
using static EvmCluster.Execution.Tests.Parallel.ConflictContracts;
using static EvmCluster.Execution.Tests.Parallel.ConflictGenesis;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// The generator is only worth something if its contracts do what they claim and its blocks are mostly
/// valid with mostly successful transactions: checked here on the sequential reference.
/// </summary>
[Collection(ParallelExecutorCollection.Name)]
public sealed class ConflictBlockSanityTests(ITestOutputHelper output)
{
    private static readonly Knobs TwoThreads = new(2, 64, 1000, 32);

    public static BlockCase Case(int fork, CoinbaseKind coinbase, Knobs knobs, params TxOp[] ops) =>
        new(fork, coinbase, ops, InvalidKind.None, 0, 0x10, knobs);

    private static readonly TxOp[] Showcase =
    [
        new(OpKind.Increment, 0, 3, 0, 1), new(OpKind.Increment, 1, 3, 0, 1), new(OpKind.Increment, 2, 3, 0, 0),
        new(OpKind.TokenTransfer, 1, 0, 10, 2),       // 370 tokens from sender 1 to sender 0
        new(OpKind.TokenTransfer, 2, 0, 30, 2),       // 1110 > 1000: reverts
        new(OpKind.FactoryCreate, 0, 1, 0, 1),        // child at CREATE(factory, 1) with 5 wei, storage[5] = 6
        new(OpKind.Transient, 3, 0, 0, 1),            // storage[1] = 9 + 2 + 2 (Cancun)
        new(OpKind.DestroyOld, 4, 0, 0, 1),           // D0 self-destructs to the coinbase
        new(OpKind.OutOfGas, 1, 0, 0, 1),             // burner runs out of gas
        new(OpKind.CreateAndDestroy, 2, 1, 0, 1),     // created and destroyed at once, 1000 wei to sender 0
    ];

    [Theory]
    [InlineData(0)] // Cancun
    [InlineData(2)] // London
    public void The_contracts_do_what_the_generator_assumes(int fork)
    {
        BuiltBlock block = ConflictBlockBuilder.Build(Case(fork, CoinbaseKind.FundedEoa, TwoThreads, Showcase));
        BlockOutcome outcome = BlockRuns.Sequential(block);
        Assert.Null(outcome.Error);
        InMemoryState s = outcome.Flat;
        bool cancun = fork == 0;

        Assert.Equal(new UInt256(103), s.GetStorage(Counter, 0));
        Assert.Equal(new UInt256(TokenBalance - 370), s.GetStorage(Token, Senders[1].ToWord()));
        Assert.Equal(new UInt256(TokenBalance + 370), s.GetStorage(Token, Senders[0].ToWord()));
        Assert.Equal(new UInt256(TokenBalance), s.GetStorage(Token, Senders[2].ToWord()));
        bool[] success = [.. outcome.Result!.Receipts.Select(r => r.Success)];
        Assert.Equal([true, true, true, true, false, true, cancun, true, false, true], success);

        Address child = ContractAddress.From(Factory, 1);
        Assert.True(s.TryGetAccount(child, out AccountRecord childRecord));
        Assert.Equal(Keccak(ChildRuntime), childRecord.CodeHash);
        Assert.Equal(new UInt256(5), childRecord.Balance);
        Assert.Equal(new UInt256(6), s.GetStorage(child, 5));

        // The outer frame sets t = 1, the inner sees it and sets 2 and adds 2; the outer adds 2 again.
        Assert.Equal(new UInt256(cancun ? 13UL : 9UL), s.GetStorage(ConflictContracts.Transient, 1));
        Assert.Equal(cancun, s.TryGetAccount(Destructibles[0], out _));
        Assert.Equal(new UInt256(cancun ? 42UL : 0UL), s.GetStorage(Destructibles[0], 1));
        Assert.Equal(UInt256.Zero, s.GetStorage(Burner, 0));
        Assert.False(s.TryGetAccount(ContractAddress.From(Senders[2], 2), out _));

        Assert.Null(OutcomeDiff.Find(outcome, BlockRuns.Parallel(block, BlockRuns.Options(TwoThreads))));
    }

    [Fact]
    public void The_recursor_goes_deep_and_counts_its_frames()
    {
        BuiltBlock block = ConflictBlockBuilder.Build(Case(0, CoinbaseKind.FundedEoa, TwoThreads, new TxOp(OpKind.Deep, 0, 0, 0, 1)));
        BlockOutcome outcome = BlockRuns.Sequential(block);
        Assert.True(outcome.Result!.Receipts[0].Success);
        UInt256 frames = outcome.Flat.GetStorage(Recursor, 0);
        output.WriteLine($"{frames} recursor frames");
        Assert.True(frames >= 200 && frames < 1024, $"{frames} frames counted");
        Assert.Null(OutcomeDiff.Find(outcome, BlockRuns.Parallel(block, BlockRuns.Options(TwoThreads))));
    }

    [Fact]
    public void Generated_blocks_are_mostly_valid_and_exercise_every_kind()
    {
        int blocks = 0, valid = 0, txs = 0, succeeded = 0;
        var kindsInValidBlocks = new HashSet<OpKind>();
        var reasons = new List<string>();
        ConflictGen.Block.Sample(c =>
        {
            BlockOutcome outcome = BlockRuns.Sequential(ConflictBlockBuilder.Build(c));
            blocks++;
            if (outcome.Result is not { } result)
            {
                reasons.Add(System.Text.RegularExpressions.Regex.Replace(outcome.Error!, @"\(0x[0-9a-f]+\)|[0-9]+", "#"));
                return;
            }
            valid++;
            txs += result.Receipts.Count;
            succeeded += result.Receipts.Count(r => r.Success);
            foreach (TxOp op in c.Ops) kindsInValidBlocks.Add(op.Kind);
        }, iter: 300, threads: 1);

        output.WriteLine($"{valid} of {blocks} blocks valid, {succeeded} of {txs} transactions succeeded; rejections: " +
            string.Join("; ", reasons.GroupBy(r => r).Select(g => $"{g.Count()}× {g.Key}")));
        Assert.True(valid >= blocks * 7 / 10, $"only {valid} of {blocks} generated blocks are valid");
        Assert.True(succeeded >= txs / 2, $"only {succeeded} of {txs} transactions in valid blocks succeeded");
        Assert.Empty(Enum.GetValues<OpKind>().Except(kindsInValidBlocks));
    }

    private static Hash256 Keccak(byte[] code) => Evm.Crypto.Keccak256.Compute(code);
}
