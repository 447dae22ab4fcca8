using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>RETURNDATASIZE and RETURNDATACOPY (EIP-211): the last sub-call's output, and the out-of-bounds rule.</summary>
public class ReturnDataTests
{
    private static readonly UInt256 Word = Words.Hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");

    /// <summary>Other returns one 32-byte word.</summary>
    private static EvmHarness WithWordReturner(ReleaseSpec spec) =>
        new EvmHarness(spec).Deploy(EvmHarness.Other, new BytecodeBuilder().Push(Word).ReturnTop());

    [Fact]
    public void Size_is_zero_before_any_call_and_the_callee_output_size_after()
    {
        var code = new BytecodeBuilder()
            .Op(Opcode.ReturnDataSize).MStore(32)
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 4).Op(Opcode.Pop) // the out buffer takes only 4 bytes
            .Op(Opcode.ReturnDataSize).MStore(64)
            .Return(0, 96);

        Execution run = WithWordReturner(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Word.ToBigEndian()[..4], run.Output[..4]);
        Assert.Equal(new byte[28], run.Output[4..32]);
        Assert.Equal(UInt256.Zero, run.OutputWord(1));
        Assert.Equal(new UInt256(32), run.OutputWord(2));
    }

    [Fact]
    public void Copy_takes_a_slice_of_the_last_output()
    {
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Push(8).Push(24).Push(0).Op(Opcode.ReturnDataCopy)
            .Return(0, 8);

        Execution run = WithWordReturner(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Word.ToBigEndian()[24..], run.Output);
    }

    [Fact]
    public void Copy_price_is_a_copy_per_word_plus_memory()
    {
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Measure(b => b.Push(32).Push(0).Push(64).Op(Opcode.ReturnDataCopy))
            .ReturnTop();

        Execution run = WithWordReturner(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        long copy = ExpectedGas.VeryLow(3) + GasCostOf.VeryLow + GasCostOf.Copy + ExpectedGas.Memory(3);
        Assert.Equal(new UInt256((ulong)ExpectedGas.Measured(copy)), run.OutputWord());
    }

    [Theory]
    [InlineData(0, 33)]   // one byte too many
    [InlineData(33, 0)]   // an empty copy still may not start past the end
    [InlineData(1, 32)]
    public void Copy_past_the_end_of_the_return_data_is_an_exceptional_halt(int offset, int length)
    {
        var harness = WithWordReturner(Forks.Cancun);
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Push(length).Push(offset).Push(0).Op(Opcode.ReturnDataCopy);

        Execution run = harness.Run(code).Expect(EvmStatus.AccessViolation);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void An_empty_copy_at_the_very_end_is_allowed()
    {
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Push(0).Push(32).Push(0).Op(Opcode.ReturnDataCopy);

        WithWordReturner(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);
    }

    [Fact]
    public void Copy_with_an_offset_that_overflows_when_added_to_the_length_halts()
    {
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Push(1).Push(Words.Max).Push(0).Op(Opcode.ReturnDataCopy);

        WithWordReturner(Forks.Cancun).Run(code).Expect(EvmStatus.AccessViolation);
    }

    [Fact]
    public void Revert_data_is_return_data_and_a_later_codeless_call_clears_it()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().MStore(0, 0xABCD).Revert(30, 2));
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).MStore(0)
            .Op(Opcode.ReturnDataSize).MStore(32)
            .Call(null, EvmHarness.Third, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Op(Opcode.ReturnDataSize).MStore(64)
            .Return(0, 96);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord(0));
        Assert.Equal(new UInt256(2), run.OutputWord(1));
        Assert.Equal(UInt256.Zero, run.OutputWord(2));
    }

    [Fact]
    public void Return_data_opcodes_do_not_exist_before_Byzantium()
    {
        Execution run = WithWordReturner(Forks.SpuriousDragon).Run(new BytecodeBuilder().Op(Opcode.ReturnDataSize))
            .Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
