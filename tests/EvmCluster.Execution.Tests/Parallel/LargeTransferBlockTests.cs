using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
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
        // The block is valid (a rejected block would compare equal vacuously) and ran on the worker threads.
        Assert.Null(actual.Error);
        Assert.Equal(Transactions, actual.Result!.Receipts.Count);
        Assert.False(actual.Statistics!.Transactions == 0, "the parallel executor did not run the block");
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
            txs[i] = new Transaction
            {
                Type = TxType.Eip1559, ChainId = 1, Nonce = nonces[from]++, GasLimit = 21_000, To = Account(to), Value = (ulong)rng.Next(1, 1_000_000),
                MaxFeePerGas = 20, MaxPriorityFeePerGas = (ulong)rng.Next(0, 3), Sender = Account(from),
                Hash = Hash256.FromWord(new UInt256((ulong)i + 1, (ulong)seed)),
            };
        }
        var header = new BlockHeader
        {
            Number = 1000, Timestamp = 1_700_000_000, Beneficiary = coinbase, GasLimit = 30_000_000, BaseFeePerGas = ConflictBlockBuilder.BaseFee,
            WithdrawalsRoot = Hash256.Zero, BlobGasUsed = 0, ExcessBlobGas = 0,
        };
        BlockContext context = BlockContextFactory.From(header, Evm.Specs.Forks.Cancun, 1, null);
        var @case = ConflictBlockSanityTests.Case(0, CoinbaseKind.FundedEoa, new Knobs(2, 64, 24, 32));
        return new BuiltBlock(@case, context, new Block(header, [], [], []), txs, () =>
        {
            var genesis = new InMemoryState();
            for (int a = 0; a < Accounts; a++) genesis.SetAccount(Account(a), 0, ConflictGenesis.Ether, [], []);
            return genesis;
        });
    }

    private static Address Account(int i) => Address.FromLowBytes(0xD000_0000UL + (ulong)i);
}
