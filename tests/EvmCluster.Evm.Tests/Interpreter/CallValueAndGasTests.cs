using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>CALL pricing: value transfer and stipend, new accounts, EIP-150's 63/64 rule, failed transfers.</summary>
public class CallValueAndGasTests
{
    /// <summary>Callee that returns the gas it sees on entry (minus GAS's own 2).</summary>
    private static readonly BytecodeBuilder ReportGas = new BytecodeBuilder().Op(Opcode.Gas).ReturnTop();
    private static readonly long ReportGasCost = GasCostOf.Base + ExpectedGas.ReturnTop();
    private const int CallPushes = 7;

    [Fact]
    public void Value_transfer_pays_9000_and_the_callee_runs_on_the_2300_stipend()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, ReportGas);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().Call(0, EvmHarness.Other, 1, 0, 0, 0, 32).Return(0, 32), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)(GasCostOf.CallStipend - GasCostOf.Base)), run.OutputWord());
        Assert.Equal(new UInt256(1), harness.World.Account(EvmHarness.Other)!.Value.Balance);
        Assert.Equal(new UInt256(9), harness.World.Account(EvmHarness.Contract)!.Value.Balance);
        long unusedStipend = GasCostOf.CallStipend - ReportGasCost;
        long call = ExpectedGas.VeryLow(CallPushes) + GasCostOf.ColdAccountAccess + GasCostOf.CallValue + ExpectedGas.Memory(1) - unusedStipend;
        Assert.Equal(call + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Fact]
    public void Value_to_a_missing_account_also_pays_for_the_new_account()
    {
        Address missing = Address.FromLowBytes(0xDEAD);
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().Call(0, missing, 1, 0, 0, 0, 0).ReturnTop(), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        Assert.Equal(new UInt256(1), harness.World.Account(missing)!.Value.Balance);
        long call = ExpectedGas.VeryLow(CallPushes) + GasCostOf.ColdAccountAccess + GasCostOf.CallValue + GasCostOf.NewAccount
            - GasCostOf.CallStipend; // no code: the whole stipend comes back
        Assert.Equal(call + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Zero_value_call_to_a_missing_account_is_free_of_new_account_gas_and_creates_nothing_after_EIP_161()
    {
        Address missing = Address.FromLowBytes(0xDEAD);
        var code = new BytecodeBuilder().Call(0, missing, 0, 0, 0, 0, 0).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        Assert.Null(run.AccountWriteFor(missing));
        Assert.Equal(ExpectedGas.VeryLow(CallPushes) + GasCostOf.ColdAccountAccess + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Zero_value_call_to_a_missing_account_creates_it_before_EIP_161()
    {
        Address missing = Address.FromLowBytes(0xDEAD);
        var code = new BytecodeBuilder().Call(0, missing, 0, 0, 0, 0, 0).ReturnTop();

        Execution run = new EvmHarness(Forks.Homestead).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        AccountWrite? write = run.AccountWriteFor(missing);
        Assert.NotNull(write);
        Assert.False(write.Value.IsDeleted);
        Assert.Equal(ExpectedGas.VeryLow(CallPushes) + GasCostOf.CallFrontier + GasCostOf.NewAccount + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void A_transfer_the_caller_cannot_afford_fails_and_returns_the_call_gas_with_the_stipend()
    {
        const long requested = 1_000;
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, ReportGas);
        var code = new BytecodeBuilder().Call(requested, EvmHarness.Other, 1, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(UInt256.Zero, harness.World.Account(EvmHarness.Other)!.Value.Balance);
        long call = ExpectedGas.VeryLow(CallPushes) + GasCostOf.ColdAccountAccess + GasCostOf.CallValue - GasCostOf.CallStipend;
        Assert.Equal(call + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Eip150_passes_at_most_all_but_one_64th_of_the_remaining_gas()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, ReportGas);
        var code = new BytecodeBuilder().Call(Words.Max, EvmHarness.Other, 0, 0, 0, 0, 32).Return(0, 32);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        long left = run.AvailableGas - ExpectedGas.VeryLow(CallPushes) - GasCostOf.ColdAccountAccess - ExpectedGas.Memory(1);
        long passed = ExpectedGas.AllButOne64th(left);
        Assert.Equal(new UInt256((ulong)(passed - GasCostOf.Base)), run.OutputWord());
        long call = ExpectedGas.VeryLow(CallPushes) + GasCostOf.ColdAccountAccess + ExpectedGas.Memory(1) + ReportGasCost;
        Assert.Equal(call + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Fact]
    public void Eip150_passes_the_requested_gas_when_it_is_below_the_cap()
    {
        var harness = new EvmHarness(Forks.TangerineWhistle).Deploy(EvmHarness.Other, ReportGas);
        var code = new BytecodeBuilder().Call(5_000, EvmHarness.Other, 0, 0, 0, 0, 32).Return(0, 32);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(5_000 - GasCostOf.Base), run.OutputWord());
        long call = ExpectedGas.VeryLow(CallPushes) + GasCostOf.CallEip150 + ExpectedGas.Memory(1) + ReportGasCost;
        Assert.Equal(call + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Fact]
    public void Before_Eip150_asking_for_more_gas_than_is_left_runs_out_of_gas()
    {
        var harness = new EvmHarness(Forks.Homestead).Deploy(EvmHarness.Other, ReportGas);
        var exact = new BytecodeBuilder().Call(5_000, EvmHarness.Other, 0, 0, 0, 0, 32).Return(0, 32);
        var greedy = new BytecodeBuilder().Call(Words.Max, EvmHarness.Other, 0, 0, 0, 0, 32).Return(0, 32);

        Execution exactRun = harness.Run(exact).Expect(EvmStatus.Return);
        Execution greedyRun = harness.Run(greedy).Expect(EvmStatus.OutOfGas);

        Assert.Equal(new UInt256(5_000 - GasCostOf.Base), exactRun.OutputWord());
        Assert.Equal(greedyRun.AvailableGas, greedyRun.ExecutionGas);
    }

    [Fact]
    public void The_1025th_nested_frame_cannot_be_entered()
    {
        // Each frame reads its depth from calldata and calls itself with depth + 1; the frame whose
        // CALL fails stores its depth. Plenty of gas so only the depth limit stops the recursion.
        var code = new BytecodeBuilder()
            .Push(0).Op(Opcode.CallDataLoad).Op(Opcode.Dup1).Push(1).Op(Opcode.Add).MStore(0)
            .Call(null, EvmHarness.Contract, 0, 0, 32, 0, 0)
            .JumpI("done")
            .SStore(0)
            .Op(Opcode.Stop)
            .Label("done");
        const long gasLimit = 1_000_000_000_000;
        var harness = new EvmHarness(Forks.Cancun);
        harness.Block = EvmHarness.DefaultBlock(Forks.Cancun, gasLimit);
        harness.Deploy(EvmHarness.Contract, code);

        Execution run = harness.Call(EvmHarness.Contract, data: new byte[32], gasLimit: gasLimit).Expect(EvmStatus.Stop);

        Assert.Equal(new UInt256(VirtualMachine.MaxCallDepth), run.Storage(EvmHarness.Contract, 0));
        Assert.Equal(new UInt256(1024), harness.World.Storage(EvmHarness.Contract, 0));
    }
}
