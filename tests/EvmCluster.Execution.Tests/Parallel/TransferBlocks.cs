using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>Cancun blocks of plain ether transfers over a genesis of funded accounts, for tests that need many simple transactions.</summary>
internal static class TransferBlocks
{
    /// <summary>An EIP-1559 transfer; <paramref name="tag"/> keeps the hashes of different test blocks apart.</summary>
    public static Transaction Transfer(int index, Address from, ulong nonce, Address to, ulong value, ulong tip = 2, ulong tag = 0xFEE) => new()
    {
        Type = TxType.Eip1559, ChainId = 1, Nonce = nonce, GasLimit = 21_000, To = to, Value = value,
        MaxFeePerGas = 20, MaxPriorityFeePerGas = tip, Sender = from, Hash = Hash256.FromWord(new UInt256((ulong)index + 1, tag)),
    };

    /// <summary>The block paying <paramref name="coinbase"/>, each of <paramref name="funded"/> holding one ether-sized balance in the genesis.</summary>
    public static BuiltBlock Build(Address coinbase, Transaction[] transactions, IEnumerable<Address> funded, Knobs knobs)
    {
        var header = new BlockHeader
        {
            Number = 1000, Timestamp = 1_700_000_000, Beneficiary = coinbase, GasLimit = 30_000_000, BaseFeePerGas = ConflictBlockBuilder.BaseFee,
            WithdrawalsRoot = Hash256.Zero, BlobGasUsed = 0, ExcessBlobGas = 0,
        };
        BlockContext context = BlockContextFactory.From(header, Evm.Specs.Forks.Cancun, 1, null);
        var @case = ConflictBlockSanityTests.Case(0, CoinbaseKind.FundedEoa, knobs);
        Address[] accounts = [.. funded];
        return new BuiltBlock(@case, context, new Block(header, [], [], []), transactions, () =>
        {
            var genesis = new InMemoryState();
            foreach (Address account in accounts) genesis.SetAccount(account, 0, ConflictGenesis.Ether, [], []);
            return genesis;
        });
    }
}
