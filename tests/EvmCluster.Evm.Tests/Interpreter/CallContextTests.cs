using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>What the callee sees under CALL, CALLCODE, DELEGATECALL and STATICCALL: caller, value, address, storage, static mode.</summary>
public class CallContextTests
{
    /// <summary>Stores CALLER, CALLVALUE, ADDRESS and ORIGIN in slots 0–3 of whatever storage it runs on.</summary>
    private static readonly BytecodeBuilder RecordContext = new BytecodeBuilder()
        .Op(Opcode.Caller).SStore(0)
        .Op(Opcode.CallValue).SStore(1)
        .Op(Opcode.Address).SStore(2)
        .Op(Opcode.Origin).SStore(3);

    private static void AssertContext(Execution run, Address owner, UInt256 caller, UInt256 value, UInt256 address)
    {
        Assert.Equal(caller, run.Storage(owner, 0));
        Assert.Equal(value, run.Storage(owner, 1));
        Assert.Equal(address, run.Storage(owner, 2));
        Assert.Equal(EvmHarness.Sender.ToWord(), run.Storage(owner, 3));
    }

    [Fact]
    public void Call_runs_the_callee_in_its_own_context()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, RecordContext);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().Call(null, EvmHarness.Other, 3, 0, 0, 0, 0), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract, value: 5).Expect(EvmStatus.Stop);

        AssertContext(run, EvmHarness.Other, EvmHarness.Contract.ToWord(), 3, EvmHarness.Other.ToWord());
        Assert.Equal(new UInt256(3), harness.World.Account(EvmHarness.Other)!.Value.Balance);
    }

    [Fact]
    public void DelegateCall_keeps_the_caller_the_value_and_the_storage_of_the_current_frame()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, RecordContext);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().DelegateCall(null, EvmHarness.Other, 0, 0, 0, 0));

        Execution run = harness.Call(EvmHarness.Contract, value: 5).Expect(EvmStatus.Stop);

        AssertContext(run, EvmHarness.Contract, EvmHarness.Sender.ToWord(), 5, EvmHarness.Contract.ToWord());
        Assert.Equal(UInt256.Zero, run.Storage(EvmHarness.Other, 0));
        Assert.Equal(UInt256.Zero, harness.World.Account(EvmHarness.Other)!.Value.Balance);
        Assert.Equal(new UInt256(5), harness.World.Account(EvmHarness.Contract)!.Value.Balance);
    }

    [Fact]
    public void CallCode_runs_foreign_code_on_our_storage_with_us_as_caller()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, RecordContext);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().CallCode(null, EvmHarness.Other, 3, 0, 0, 0, 0), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Stop);

        AssertContext(run, EvmHarness.Contract, EvmHarness.Contract.ToWord(), 3, EvmHarness.Contract.ToWord());
        Assert.Equal(UInt256.Zero, harness.World.Account(EvmHarness.Other)!.Value.Balance);
        Assert.Equal(new UInt256(10), harness.World.Account(EvmHarness.Contract)!.Value.Balance);
    }

    [Fact]
    public void DelegateCall_does_not_exist_in_Frontier()
    {
        var harness = new EvmHarness(Forks.Frontier).Deploy(EvmHarness.Other, RecordContext);

        Execution run = harness.Run(new BytecodeBuilder().DelegateCall(null, EvmHarness.Other, 0, 0, 0, 0)).Expect(EvmStatus.BadInstruction);
        Execution homestead = new EvmHarness(Forks.Homestead).Deploy(EvmHarness.Other, RecordContext)
            .Run(new BytecodeBuilder().DelegateCall(200_000, EvmHarness.Other, 0, 0, 0, 0)).Expect(EvmStatus.Stop);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
        Assert.Equal(EvmHarness.Sender.ToWord(), homestead.Storage(EvmHarness.Contract, 0));
    }

    [Fact]
    public void StaticCall_returns_data_from_a_read_only_callee_and_moves_no_value()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, new BytecodeBuilder().Op(Opcode.CallValue).Op(Opcode.Caller).Op(Opcode.Add).ReturnTop());
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 32).MStore(32).Return(0, 64);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(EvmHarness.Contract.ToWord(), run.OutputWord(0));
        Assert.Equal(UInt256.One, run.OutputWord(1));
    }

    [Fact]
    public void Static_mode_reaches_through_nested_calls()
    {
        // Contract STATICCALLs Other, which CALLs Third (no value); Third tries to store.
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Third, new BytecodeBuilder().SStore(0, 1));
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().Call(null, EvmHarness.Third, 0, 0, 0, 0, 0).ReturnTop());
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 32).MStore(32).Return(0, 64);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord(0)); // Third failed
        Assert.Equal(UInt256.One, run.OutputWord(1));  // Other itself succeeded
        Assert.Empty(run.Changes.Storage);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Inside_a_static_call_only_value_free_calls_are_allowed(int value, int expected)
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().Call(null, EvmHarness.Third, (ulong)value, 0, 0, 0, 0).ReturnTop(), balance: 10);
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)expected), run.OutputWord());
    }

    [Fact]
    public void StaticCall_does_not_exist_before_Byzantium()
    {
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 0);

        Execution run = new EvmHarness(Forks.SpuriousDragon).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
