using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY and the quadratic memory expansion price.</summary>
public class MemoryOpcodeTests
{
    private static readonly UInt256 Pattern = Words.Hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");

    [Fact]
    public void MStore_then_MLoad_at_an_unaligned_offset()
    {
        // MLOAD(1) reads bytes 1..32: the pattern shifted left by one byte; memory grows to two words.
        var code = new BytecodeBuilder().MStore(0, Pattern).MLoad(1).ReturnTop(); // ReturnTop overwrites word 0 last

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Pattern << 8, run.OutputWord());
        long store = ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1);
        long load = ExpectedGas.VeryLow(2) + ExpectedGas.Expansion(1, 2);
        Assert.Equal(store + load + ExpectedGas.ReturnTop(wordsInUse: 2), run.ExecutionGas);
    }

    [Fact]
    public void MLoad_of_untouched_memory_is_zero_and_still_expands()
    {
        var code = new BytecodeBuilder().MLoad(64).Op(Opcode.MSize).MStore(0).MStore(32).Return(0, 64);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(96), run.OutputWord(0));
        Assert.Equal(UInt256.Zero, run.OutputWord(1));
        long expected = ExpectedGas.VeryLow(2) + ExpectedGas.Memory(3) + GasCostOf.Base + ExpectedGas.VeryLow(4) + ExpectedGas.VeryLow(2);
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void MStore8_writes_only_the_low_byte_and_MSize_rounds_up_to_words()
    {
        var code = new BytecodeBuilder()
            .Push(0xABCD).Push(31).Op(Opcode.MStore8)
            .Push(0x77).Push(33).Op(Opcode.MStore8)
            .Op(Opcode.MSize).MStore(64)
            .Return(0, 96);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(0xCD), run.OutputWord(0));
        Assert.Equal(new UInt256(0x77) << 240, run.OutputWord(1));
        Assert.Equal(new UInt256(64), run.OutputWord(2));
        long expected = ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1)
            + ExpectedGas.VeryLow(3) + ExpectedGas.Expansion(1, 2)
            + GasCostOf.Base + ExpectedGas.VeryLow(2) + ExpectedGas.Expansion(2, 3)
            + ExpectedGas.VeryLow(2);
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void Expansion_to_1000_words_pays_the_quadratic_term()
    {
        const int words = 1000;
        var code = new BytecodeBuilder().MStore(32 * (words - 1), 1);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        Assert.Equal(ExpectedGas.VeryLow(3) + GasCostOf.Memory * words + words * words / GasCostOf.QuadCoeffDiv, run.ExecutionGas);
    }

    [Fact]
    public void Offsets_beyond_any_memory_run_out_of_gas()
    {
        var code = new BytecodeBuilder().Push(1).Push(Words.Pow2(64)).Op(Opcode.MStore);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.OutOfGas);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Expansion_the_gas_cannot_pay_runs_out_of_gas()
    {
        // 32 KiB of memory costs 1,024·3 + 1,024²/512 = 5,120 gas; give the code less.
        var code = new BytecodeBuilder().MStore(32 * 1023, 1);
        ulong gasLimit = (ulong)(GasCostOf.Transaction + ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1024) - 1);

        Execution run = new EvmHarness(Forks.Cancun).Run(code, gasLimit: gasLimit).Expect(EvmStatus.OutOfGas);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    private static BytecodeBuilder MCopyProgram(long destination, long source, long length) => new BytecodeBuilder()
        .MStore(0, Pattern)
        .Push(length).Push(source).Push(destination).Op(Opcode.MCopy)
        .Return(0, 64);

    private static long MCopyGas(long length, long wordsAfter) =>
        ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1)
        + ExpectedGas.VeryLow(4) + GasCostOf.Copy * ExpectedGas.Words(length) + ExpectedGas.Expansion(1, wordsAfter)
        + ExpectedGas.VeryLow(2) + ExpectedGas.Expansion(wordsAfter, Math.Max(wordsAfter, 2));

    [Fact]
    public void MCopy_forward_overlap_behaves_like_memmove()
    {
        Execution run = new EvmHarness(Forks.Cancun).Run(MCopyProgram(destination: 1, source: 0, length: 32)).Expect(EvmStatus.Return);

        byte[] original = Pattern.ToBigEndian();
        byte[] expected = new byte[64];
        original.CopyTo(expected, 0);
        original.CopyTo(expected, 1);
        Assert.Equal(expected, run.Output);
        Assert.Equal(MCopyGas(length: 32, wordsAfter: 2), run.ExecutionGas);
    }

    [Fact]
    public void MCopy_backward_overlap_behaves_like_memmove()
    {
        Execution run = new EvmHarness(Forks.Cancun).Run(MCopyProgram(destination: 0, source: 1, length: 32)).Expect(EvmStatus.Return);

        byte[] original = Pattern.ToBigEndian();
        byte[] expected = new byte[64];
        original.AsSpan(1).CopyTo(expected);
        Assert.Equal(expected, run.Output);
        Assert.Equal(MCopyGas(length: 32, wordsAfter: 2), run.ExecutionGas);
    }

    [Fact]
    public void MCopy_expands_to_cover_a_source_beyond_memory()
    {
        // Reading [64, 96) makes memory three words; zeros land on [0, 32).
        Execution run = new EvmHarness(Forks.Cancun).Run(MCopyProgram(destination: 0, source: 64, length: 32)).Expect(EvmStatus.Return);

        Assert.Equal(new byte[64], run.Output);
        Assert.Equal(MCopyGas(length: 32, wordsAfter: 3), run.ExecutionGas);
    }

    [Fact]
    public void MCopy_of_nothing_at_huge_offsets_is_free_of_memory_cost()
    {
        var code = new BytecodeBuilder().Push(0).Push(Words.Pow2(100)).Push(Words.Pow2(100)).Op(Opcode.MCopy).Op(Opcode.MSize).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(4) + GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void MCopy_does_not_exist_before_Cancun()
    {
        Execution run = new EvmHarness(Forks.Shanghai).Run(MCopyProgram(0, 1, 32)).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
