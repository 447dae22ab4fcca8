using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>TLOAD/TSTORE (EIP-1153): 100 gas each, per contract, gone after the transaction, reverted with the frame.</summary>
public class TransientStorageTests
{
    private static readonly UInt256 Slot = 1;

    [Fact]
    public void Tload_reads_what_tstore_wrote_at_100_gas_each()
    {
        var code = new BytecodeBuilder().TStore(Slot, 42).TLoad(Slot).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(42), run.OutputWord());
        long expected = ExpectedGas.VeryLow(2) + GasCostOf.TStore + GasCostOf.VeryLow + GasCostOf.TLoad + ExpectedGas.ReturnTop();
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void Transient_values_do_not_survive_the_transaction()
    {
        // Each run returns the slot as it found it, then writes 42.
        var code = new BytecodeBuilder().TLoad(Slot).MStore(0).TStore(Slot, 42).Return(0, 32);
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Contract, code);

        Execution first = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);
        Execution second = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, first.OutputWord());
        Assert.Equal(UInt256.Zero, second.OutputWord());
        Assert.Empty(first.Changes.Storage);
        Assert.Equal(UInt256.Zero, harness.World.Storage(EvmHarness.Contract, Slot));
    }

    [Fact]
    public void A_reentrant_call_sees_the_value_its_caller_wrote()
    {
        // No calldata: write 42, call ourselves with one byte of calldata, return what that call returned.
        // With calldata: return TLOAD(slot).
        var code = new BytecodeBuilder()
            .Op(Opcode.CallDataSize).JumpI("read")
            .TStore(Slot, 42)
            .Call(null, EvmHarness.Contract, 0, 0, 1, 0, 32).Op(Opcode.Pop)
            .Return(0, 32)
            .Label("read")
            .TLoad(Slot).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(42), run.OutputWord());
    }

    [Fact]
    public void Transient_storage_is_per_contract()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().TLoad(Slot).ReturnTop());
        var code = new BytecodeBuilder().TStore(Slot, 42).Call(null, EvmHarness.Other, 0, 0, 0, 0, 32).Op(Opcode.Pop).Return(0, 32);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
    }

    [Theory]
    [InlineData(false, 42)]
    [InlineData(true, 0)]
    public void A_write_through_delegatecall_is_undone_when_the_callee_reverts(bool reverts, int expected)
    {
        var callee = new BytecodeBuilder().TStore(Slot, 42);
        if (reverts) callee.Revert(0, 0);
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, callee);
        var code = new BytecodeBuilder().DelegateCall(null, EvmHarness.Other, 0, 0, 0, 0).Op(Opcode.Pop).TLoad(Slot).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)expected), run.OutputWord());
    }

    [Fact]
    public void Tstore_is_a_state_change_forbidden_in_a_static_call_but_tload_is_allowed()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().TStore(Slot, 1));
        harness.Deploy(EvmHarness.Third, new BytecodeBuilder().TLoad(Slot).ReturnTop());
        var code = new BytecodeBuilder()
            .StaticCall(null, EvmHarness.Other, 0, 0, 0, 0).MStore(0)
            .StaticCall(null, EvmHarness.Third, 0, 0, 0, 0).MStore(32)
            .Return(0, 64);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord(0));
        Assert.Equal(UInt256.One, run.OutputWord(1));
    }

    [Theory]
    [InlineData(Opcode.TLoad)]
    [InlineData(Opcode.TStore)]
    public void Transient_opcodes_do_not_exist_before_Cancun(Opcode op)
    {
        var code = new BytecodeBuilder().Push(1).Push(1).Op(op);

        Execution run = new EvmHarness(Forks.Shanghai).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
