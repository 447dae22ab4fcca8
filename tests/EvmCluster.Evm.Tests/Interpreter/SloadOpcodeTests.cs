using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>SLOAD: the value of the slot and its price by fork, cold then warm under EIP-2929.</summary>
public class SloadOpcodeTests
{
    private static readonly UInt256 Slot = 7;
    private static readonly UInt256 Value = Words.Hex("0xfeedface");

    private static BytecodeBuilder LoadTwice() => new BytecodeBuilder()
        .SLoad(Slot).MStore(0)
        .SLoad(Slot).MStore(32)
        .Return(0, 64);

    private static long LoadTwiceOverhead => ExpectedGas.VeryLow(8) + ExpectedGas.Memory(2);

    public static TheoryData<string, long, long> Prices => new()
    {
        { "Frontier", GasCostOf.SloadFrontier, GasCostOf.SloadFrontier },
        { "TangerineWhistle", GasCostOf.SloadEip150, GasCostOf.SloadEip150 },
        { "Istanbul", GasCostOf.SloadEip1884, GasCostOf.SloadEip1884 },
        { "Berlin", GasCostOf.ColdSLoad, GasCostOf.WarmStateRead },
        { "Cancun", GasCostOf.ColdSLoad, GasCostOf.WarmStateRead },
    };

    [Theory]
    [MemberData(nameof(Prices))]
    public void Sload_reads_the_slot_at_the_fork_price(string fork, long first, long second)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec);
        harness.World.SetStorage(EvmHarness.Contract, Slot, Value);

        Execution run = harness.Run(LoadTwice()).Expect(EvmStatus.Return);

        Assert.Equal(Value, run.OutputWord(0));
        Assert.Equal(Value, run.OutputWord(1));
        Assert.Equal(LoadTwiceOverhead + first + second, run.ExecutionGas);
    }

    [Fact]
    public void Unwritten_slot_reads_zero()
    {
        Execution run = new EvmHarness(Forks.Cancun).Run(LoadTwice()).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord(0));
    }

    [Fact]
    public void Access_list_storage_key_makes_the_first_load_warm()
    {
        var harness = new EvmHarness(Forks.Berlin);
        harness.World.SetStorage(EvmHarness.Contract, Slot, Value);
        harness.Deploy(EvmHarness.Contract, LoadTwice());

        Execution run = harness.Call(EvmHarness.Contract, accessList: [new AccessListItem(EvmHarness.Contract, [Slot])])
            .Expect(EvmStatus.Return);

        Assert.Equal(GasCostOf.Transaction + GasCostOf.AccessListAddress + GasCostOf.AccessListStorageKey, run.IntrinsicGas);
        Assert.Equal(LoadTwiceOverhead + 2 * GasCostOf.WarmStateRead, run.ExecutionGas);
        Assert.Equal(Value, run.OutputWord(0));
    }

    [Fact]
    public void A_warm_key_of_another_slot_does_not_warm_this_one()
    {
        var harness = new EvmHarness(Forks.Berlin);
        harness.Deploy(EvmHarness.Contract, LoadTwice());

        Execution run = harness.Call(EvmHarness.Contract, accessList: [new AccessListItem(EvmHarness.Contract, [Slot + UInt256.One])])
            .Expect(EvmStatus.Return);

        Assert.Equal(LoadTwiceOverhead + GasCostOf.ColdSLoad + GasCostOf.WarmStateRead, run.ExecutionGas);
    }

    [Fact]
    public void Sload_sees_a_write_earlier_in_the_same_transaction()
    {
        var code = new BytecodeBuilder().SStore(Slot, 42).SLoad(Slot).ReturnTop();
        var harness = new EvmHarness(Forks.Cancun);
        harness.World.SetStorage(EvmHarness.Contract, Slot, Value);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(42), run.OutputWord());
        // The SSTORE warmed the slot: the read costs the warm price.
        long expected = ExpectedGas.VeryLow(2) + GasCostOf.ColdSLoad + (GasCostOf.SReset - GasCostOf.ColdSLoad)
            + GasCostOf.VeryLow + GasCostOf.WarmStateRead + ExpectedGas.ReturnTop();
        Assert.Equal(expected, run.ExecutionGas);
    }
}
