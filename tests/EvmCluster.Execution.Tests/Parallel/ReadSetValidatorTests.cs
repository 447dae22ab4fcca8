using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>A read set holds at its position exactly when every value read is the value there.</summary>
public class ReadSetValidatorTests
{
    private static readonly Address Token = Address.FromLowBytes(0x70CE);
    private static readonly Address Coinbase = Address.FromLowBytes(0xC0);
    private static readonly StorageCell Cell = new(Token, new UInt256(1));
    private static readonly TransactionResult Result = new() { Status = Evm.Interpreter.EvmStatus.Stop };

    [Fact]
    public void A_storage_value_that_changed_is_stale()
    {
        BlockState state = StateWithCell(2);
        Assert.Equal(StaleRead.Storage, ReadSetValidator.Check(ReadOf(Cell, 1), Result, state, Coinbase));
        Assert.Equal(StaleRead.None, ReadSetValidator.Check(ReadOf(Cell, 2), Result, state, Coinbase));
    }

    [Fact]
    public void A_cell_named_unwritten_is_not_looked_up_and_the_others_still_are()
    {
        BlockState state = StateWithCell(2);
        var other = new StorageCell(Token, new UInt256(9));
        // The caller vouches that Cell holds what was read; the state is not consulted for it.
        Assert.Equal(StaleRead.None, ReadSetValidator.Check(ReadOf(Cell, 1), Result, state, Coinbase, cell => cell.Equals(Cell)));
        Assert.Equal(StaleRead.Storage, ReadSetValidator.Check(ReadOf(Cell, 1), Result, state, Coinbase, cell => cell.Equals(other)));

        StateChanges both = ReadOf(Cell, 1);
        both.StorageReads[other] = new UInt256(5);
        Assert.Equal(StaleRead.Storage, ReadSetValidator.Check(both, Result, state, Coinbase, cell => cell.Equals(Cell)));
    }

    [Fact]
    public void Reading_the_fee_recipient_is_always_stale()
    {
        var reads = new StateChanges();
        reads.AccountReads[Coinbase] = null;
        Assert.Equal(StaleRead.FeeRecipient, ReadSetValidator.Check(reads, Result, new BlockState(new InMemoryState()), Coinbase));
    }

    private static BlockState StateWithCell(ulong value)
    {
        var block = new BlockState(new InMemoryState());
        var changes = new StateChanges();
        changes.Storage.Add(new StorageWrite(Cell, new UInt256(value)));
        block.Apply(changes);
        return block;
    }

    private static StateChanges ReadOf(StorageCell cell, ulong value)
    {
        var reads = new StateChanges();
        reads.StorageReads[cell] = new UInt256(value);
        return reads;
    }
}
