using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>EXTCODESIZE, EXTCODEHASH, EXTCODECOPY: results, fork prices and EIP-2929 cold/warm access.</summary>
public class ExternalCodeOpcodeTests
{
    private static readonly byte[] OtherCode = [0x60, 0x01, 0x60, 0x02, 0x01, 0x00, 0xAA];

    private static EvmHarness WithOtherCode(ReleaseSpec spec)
    {
        var harness = new EvmHarness(spec);
        harness.Deploy(EvmHarness.Other, OtherCode);
        return harness;
    }

    /// <summary>Code that applies <paramref name="op"/> to Other twice and returns both results.</summary>
    private static BytecodeBuilder Twice(Opcode op, Address target) => new BytecodeBuilder()
        .Push(target).Op(op).MStore(0)
        .Push(target).Op(op).MStore(32)
        .Return(0, 64);

    /// <summary>Gas of <see cref="Twice"/> besides the two accesses: six pushes, two MSTOREs, two words of memory.</summary>
    private static long TwiceOverhead => ExpectedGas.VeryLow(8) + ExpectedGas.Memory(2);

    [Fact]
    public void ExtCodeSize_is_cold_then_warm_under_Berlin()
    {
        Execution run = WithOtherCode(Forks.Berlin).Run(Twice(Opcode.ExtCodeSize, EvmHarness.Other)).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)OtherCode.Length), run.OutputWord(0));
        Assert.Equal(new UInt256((ulong)OtherCode.Length), run.OutputWord(1));
        Assert.Equal(TwiceOverhead + GasCostOf.ColdAccountAccess + GasCostOf.WarmStateRead, run.ExecutionGas);
    }

    [Fact]
    public void ExtCodeSize_costs_the_same_each_time_before_Berlin()
    {
        Execution istanbul = WithOtherCode(Forks.Istanbul).Run(Twice(Opcode.ExtCodeSize, EvmHarness.Other)).Expect(EvmStatus.Return);
        Execution frontier = WithOtherCode(Forks.Frontier).Run(Twice(Opcode.ExtCodeSize, EvmHarness.Other)).Expect(EvmStatus.Return);

        Assert.Equal(TwiceOverhead + 2 * GasCostOf.ExtCodeEip150, istanbul.ExecutionGas);
        Assert.Equal(TwiceOverhead + 2 * GasCostOf.ExtCodeFrontier, frontier.ExecutionGas);
        Assert.Equal(new UInt256((ulong)OtherCode.Length), frontier.OutputWord(1));
    }

    [Fact]
    public void An_access_list_entry_makes_the_first_access_warm()
    {
        var harness = WithOtherCode(Forks.Berlin);
        harness.Deploy(EvmHarness.Contract, Twice(Opcode.ExtCodeSize, EvmHarness.Other));

        Execution run = harness.Call(EvmHarness.Contract, accessList: [new AccessListItem(EvmHarness.Other, [])])
            .Expect(EvmStatus.Return);

        Assert.Equal(GasCostOf.Transaction + GasCostOf.AccessListAddress, run.IntrinsicGas);
        Assert.Equal(TwiceOverhead + 2 * GasCostOf.WarmStateRead, run.ExecutionGas);
    }

    [Fact]
    public void The_executing_contract_and_precompiles_start_warm()
    {
        var self = new BytecodeBuilder().Op(Opcode.Address).Op(Opcode.ExtCodeSize).MStore(0)
            .Push(Address.FromLowBytes(1)).Op(Opcode.ExtCodeSize).MStore(32).Return(0, 64);

        Execution run = new EvmHarness(Forks.Berlin).Run(self).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)self.Length), run.OutputWord(0));
        Assert.Equal(UInt256.Zero, run.OutputWord(1));
        long overhead = GasCostOf.Base + ExpectedGas.VeryLow(2) + ExpectedGas.Memory(1)
            + GasCostOf.VeryLow + ExpectedGas.VeryLow(2) + ExpectedGas.Expansion(1, 2) + ExpectedGas.VeryLow(2);
        Assert.Equal(overhead + 2 * GasCostOf.WarmStateRead, run.ExecutionGas);
    }

    [Fact]
    public void ExtCodeHash_of_code_of_a_plain_account_and_of_nothing()
    {
        var harness = WithOtherCode(Forks.Cancun);
        harness.World.SetBalance(EvmHarness.Third, 1);
        Address missing = Address.FromLowBytes(0xDEAD);
        var code = new BytecodeBuilder()
            .Push(EvmHarness.Other).Op(Opcode.ExtCodeHash).MStore(0)
            .Push(EvmHarness.Third).Op(Opcode.ExtCodeHash).MStore(32)
            .Push(missing).Op(Opcode.ExtCodeHash).MStore(64)
            .Return(0, 96);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Keccak256.Compute(OtherCode).ToWord(), run.OutputWord(0));
        Assert.Equal(Keccak256.OfEmpty.ToWord(), run.OutputWord(1));
        Assert.Equal(UInt256.Zero, run.OutputWord(2));
        long overhead = 3 * (ExpectedGas.VeryLow(3)) + ExpectedGas.Memory(3) + ExpectedGas.VeryLow(2);
        Assert.Equal(overhead + 3 * GasCostOf.ColdAccountAccess, run.ExecutionGas);
    }

    [Fact]
    public void ExtCodeHash_of_an_existing_empty_account_is_zero()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.World.SetAccount(EvmHarness.Other, AccountRecord.Empty);
        var code = new BytecodeBuilder().Push(EvmHarness.Other).Op(Opcode.ExtCodeHash).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
    }

    public static TheoryData<string, long> ExtCodeHashPrices => new()
    {
        { "Constantinople", GasCostOf.ExtCodeHash },
        { "Istanbul", GasCostOf.ExtCodeHashEip1884 },
        { "Berlin", GasCostOf.ColdAccountAccess },
    };

    [Theory]
    [MemberData(nameof(ExtCodeHashPrices))]
    public void ExtCodeHash_price_by_fork(string fork, long price)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var code = new BytecodeBuilder().Push(EvmHarness.Other).Op(Opcode.ExtCodeHash).ReturnTop();

        Execution run = WithOtherCode(spec).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Keccak256.Compute(OtherCode).ToWord(), run.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + price + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void ExtCodeHash_does_not_exist_before_Constantinople()
    {
        var code = new BytecodeBuilder().Push(EvmHarness.Other).Op(Opcode.ExtCodeHash).ReturnTop();

        Execution run = WithOtherCode(Forks.Byzantium).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void ExtCodeCopy_copies_a_slice_pads_with_zeros_and_pays_cold_access_copy_and_memory()
    {
        // Copy 40 bytes of Other's code from offset 2 to memory 0.
        var code = new BytecodeBuilder().Push(40).Push(2).Push(0).Push(EvmHarness.Other).Op(Opcode.ExtCodeCopy).Return(0, 64);

        Execution run = WithOtherCode(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        byte[] expected = new byte[64];
        OtherCode.AsSpan(2).CopyTo(expected);
        Assert.Equal(expected, run.Output);
        long copy = ExpectedGas.VeryLow(4) + GasCostOf.ColdAccountAccess + GasCostOf.Copy * 2 + ExpectedGas.Memory(2);
        Assert.Equal(copy + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Theory]
    [InlineData(false, GasCostOf.WarmStateRead)]
    [InlineData(true, GasCostOf.ColdAccountAccess)]
    public void Warmth_gained_in_a_reverted_call_is_forgotten(bool calleeReverts, long priceAfter)
    {
        // Other touches Third with EXTCODESIZE; afterwards we measure our own EXTCODESIZE of Third.
        var callee = new BytecodeBuilder().Push(EvmHarness.Third).Op(Opcode.ExtCodeSize).Op(Opcode.Pop);
        if (calleeReverts) callee.Revert(0, 0);
        var harness = new EvmHarness(Forks.Berlin).Deploy(EvmHarness.Other, callee);
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Measure(b => b.Push(EvmHarness.Third).Op(Opcode.ExtCodeSize).Op(Opcode.Pop))
            .ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)ExpectedGas.Measured(GasCostOf.VeryLow + priceAfter + GasCostOf.Base)), run.OutputWord());
    }
}
