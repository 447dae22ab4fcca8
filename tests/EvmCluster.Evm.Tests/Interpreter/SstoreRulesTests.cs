using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>SSTORE beyond the price table: the EIP-2200 stipend sentry, the refund cap, static context and reverts.</summary>
public class SstoreRulesTests
{
    private static readonly UInt256 Slot = 0;

    /// <summary>Other's code: a no-op SSTORE of slot 0 (already 1), behind two pushes.</summary>
    private static readonly byte[] NoOpStore = new BytecodeBuilder().SStore(Slot, 1).ToArray();

    /// <summary>Calls Other with <paramref name="gas"/> and <paramref name="value"/>, returns the CALL's success flag.</summary>
    private static Execution CallNoOpStore(ReleaseSpec spec, long gas, ulong value = 0)
    {
        var harness = new EvmHarness(spec);
        harness.Deploy(EvmHarness.Other, NoOpStore);
        harness.World.SetStorage(EvmHarness.Other, Slot, 1);
        var code = new BytecodeBuilder().Call(new UInt256((ulong)gas), EvmHarness.Other, value, 0, 0, 0, 0).ReturnTop();
        harness.Deploy(EvmHarness.Contract, code, balance: 1_000);
        return harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);
    }

    [Fact]
    public void Istanbul_sentry_fails_an_sstore_with_2300_gas_left()
    {
        long pushes = ExpectedGas.VeryLow(2);

        Execution atSentry = CallNoOpStore(Forks.Istanbul, pushes + GasCostOf.SstoreSentryEip2200);
        Execution aboveSentry = CallNoOpStore(Forks.Istanbul, pushes + GasCostOf.SstoreSentryEip2200 + 1);

        Assert.Equal(UInt256.Zero, atSentry.OutputWord());
        Assert.Equal(UInt256.One, aboveSentry.OutputWord());
    }

    [Fact]
    public void Constantinople_has_no_sentry_so_a_cheap_sstore_fits_in_the_stipend()
    {
        long pushes = ExpectedGas.VeryLow(2);

        Execution low = CallNoOpStore(Forks.Constantinople, pushes + GasCostOf.NetMeteredSloadEip1283);
        Execution tooLow = CallNoOpStore(Forks.Constantinople, pushes + GasCostOf.NetMeteredSloadEip1283 - 1);

        Assert.Equal(UInt256.One, low.OutputWord());
        Assert.Equal(UInt256.Zero, tooLow.OutputWord());
    }

    [Theory]
    [InlineData("Constantinople", 1)]
    [InlineData("Petersburg", 0)]
    [InlineData("Istanbul", 0)]
    [InlineData("Cancun", 0)]
    public void A_value_transfer_stipend_alone_can_store_only_under_Constantinople(string fork, int succeeds)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));

        Execution run = CallNoOpStore(spec, gas: 0, value: 1);

        Assert.Equal(new UInt256((ulong)succeeds), run.OutputWord());
    }

    [Fact]
    public void Frontier_refund_is_capped_at_half_the_gas_used()
    {
        var harness = new EvmHarness(Forks.Frontier);
        harness.World.SetStorage(EvmHarness.Contract, Slot, 5);

        Execution run = harness.Run(new BytecodeBuilder().SStore(Slot, 0)).Expect(EvmStatus.Stop);

        long used = GasCostOf.Transaction + ExpectedGas.VeryLow(2) + GasCostOf.SReset;
        Assert.Equal(GasCostOf.SClearRefund, run.RefundCounter);
        Assert.Equal(used - Math.Min(GasCostOf.SClearRefund, used / 2), run.Result.GasUsed);
        Assert.Equal(used / 2 + used % 2, run.Result.GasUsed);
    }

    [Fact]
    public void London_refund_is_the_smaller_clear_refund_under_a_fifth_cap()
    {
        var harness = new EvmHarness(Forks.London);
        harness.World.SetStorage(EvmHarness.Contract, Slot, 5);

        Execution run = harness.Run(new BytecodeBuilder().SStore(Slot, 0)).Expect(EvmStatus.Stop);

        long used = GasCostOf.Transaction + ExpectedGas.VeryLow(2) + GasCostOf.SReset;
        Assert.True(GasCostOf.SClearRefundEip3529 < used / 5);
        Assert.Equal(used - GasCostOf.SClearRefundEip3529, run.Result.GasUsed);
    }

    [Fact]
    public void London_cap_binds_when_many_slots_are_cleared()
    {
        const int slots = 10;
        var harness = new EvmHarness(Forks.London);
        var code = new BytecodeBuilder();
        for (int i = 0; i < slots; i++)
        {
            harness.World.SetStorage(EvmHarness.Contract, (ulong)i, 9);
            code.SStore((ulong)i, 0);
        }

        Execution run = harness.Run(code).Expect(EvmStatus.Stop);

        long used = GasCostOf.Transaction + slots * (ExpectedGas.VeryLow(2) + GasCostOf.SReset);
        Assert.Equal(slots * GasCostOf.SClearRefundEip3529, run.RefundCounter);
        Assert.Equal(used - used / 5, run.Result.GasUsed);
    }

    [Fact]
    public void Refunds_of_a_reverted_call_are_dropped()
    {
        var harness = new EvmHarness(Forks.London);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().SStore(Slot, 0).Revert(0, 0));
        harness.World.SetStorage(EvmHarness.Other, Slot, 3);
        var code = new BytecodeBuilder().Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(0, run.RefundCounter);
        Assert.Equal(new UInt256(3), run.Storage(EvmHarness.Other, Slot));
        Assert.Empty(run.Changes.Storage);
    }

    [Fact]
    public void Sstore_in_a_static_call_fails_the_callee()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().SStore(Slot, 1));
        const long calleeGas = 50_000;
        var code = new BytecodeBuilder().StaticCall(new UInt256(calleeGas), EvmHarness.Other, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(UInt256.Zero, run.Storage(EvmHarness.Other, Slot));
        // The failed callee burns all the gas it was given.
        long call = ExpectedGas.VeryLow(6) + GasCostOf.ColdAccountAccess + calleeGas;
        Assert.Equal(call + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void An_access_listed_slot_pays_no_cold_surcharge_on_sstore()
    {
        var harness = new EvmHarness(Forks.Berlin).Deploy(EvmHarness.Contract, new BytecodeBuilder().SStore(Slot, 1));

        Execution run = harness.Call(EvmHarness.Contract, accessList: [new AccessListItem(EvmHarness.Contract, [Slot])])
            .Expect(EvmStatus.Stop);

        Assert.Equal(ExpectedGas.VeryLow(2) + GasCostOf.SSet, run.ExecutionGas);
    }
}
