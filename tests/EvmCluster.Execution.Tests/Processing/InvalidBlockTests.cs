using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Tests.Processing;

/// <summary>A block with a bad transaction is rejected with an error naming the transaction's index, and nothing is committed.</summary>
public sealed class InvalidBlockTests
{
    private static readonly Address Alice = Address.FromLowBytes(0xA11CE);
    private static readonly Address Bob = Address.FromLowBytes(0xB0B);
    private static readonly BlockHeader Header = new() { Number = 1, Timestamp = 12, GasLimit = 100_000, BaseFeePerGas = 7, Beneficiary = Address.FromLowBytes(0xC0FFE) };

    private static Transaction Transfer(ulong nonce, ulong gas = 21_000, ulong value = 1) => new()
    {
        Type = TxType.Eip1559, Sender = Alice, To = Bob, Nonce = nonce, GasLimit = gas, Value = value,
        MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, ChainId = 1,
    };

    [Fact]
    public void Nonce_gap_names_the_transaction()
    {
        var (message, world, before) = ExecuteUnwrapped(Transfer(0), Transfer(2));
        Assert.StartsWith("transaction 1", message);
        Assert.Contains("NonceMismatch", message);
        Assert.Equal(before, world.StateRoot);
    }

    [Fact]
    public void Gas_over_the_block_limit_names_the_transaction()
    {
        var (message, _, _) = ExecuteUnwrapped(Transfer(0), Transfer(1, gas: 90_000));
        Assert.StartsWith("transaction 1", message);
        Assert.Contains("exceeds the block's remaining gas", message);
    }

    [Fact]
    public void Insufficient_balance_names_the_transaction()
    {
        var (message, _, _) = ExecuteUnwrapped(Transfer(0, value: 2_000_000));
        Assert.StartsWith("transaction 0", message);
        Assert.Contains("InsufficientFunds", message);
    }

    private static (string Message, WorldState World, Hash256 RootBefore) ExecuteUnwrapped(params Transaction[] txs)
    {
        var genesis = new InMemoryState();
        genesis.SetAccount(Alice, 0, new UInt256(1_000_000), [], []);
        var world = new WorldState(genesis);
        Hash256 before = world.StateRoot;
        BlockContext context = BlockContextFactory.From(Header, Forks.Cancun, 1, null);
        var block = new Block(Header, [], [], []);
        string message = LargeStackThreads.RunOne(() =>
        {
            try
            {
                new BlockProcessor().Process(context, block, txs, world);
                return "accepted";
            }
            catch (InvalidBlockException e)
            {
                return e.Message;
            }
        });
        return (message, world, before);
    }
}
