using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>PUSH0 … PUSH32, DUPn, SWAPn, POP and the 1,024-item stack limit.</summary>
public class StackOpcodeTests
{
    [Fact]
    public void Push0_pushes_zero_for_base_gas_from_Shanghai_only()
    {
        var code = new BytecodeBuilder().Push(Words.Max).Push0().ReturnTop();

        Execution shanghai = new EvmHarness(Forks.Shanghai).Run(code).Expect(EvmStatus.Return);
        Execution paris = new EvmHarness(Forks.Paris).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(UInt256.Zero, shanghai.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + GasCostOf.Base + ExpectedGas.ReturnTop(), shanghai.ExecutionGas);
        Assert.Equal(paris.AvailableGas, paris.ExecutionGas);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    public void PushN_reads_exactly_n_immediate_bytes(int width)
    {
        byte[] immediate = Enumerable.Range(0, width).Select(i => (byte)(0xF0 - i)).ToArray();
        var code = new BytecodeBuilder().Push(immediate).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        byte[] word = new byte[32];
        immediate.CopyTo(word, 32 - width);
        Assert.Equal(new UInt256(word), run.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Push32_truncated_by_the_end_of_code_still_executes_and_stops()
    {
        var code = new BytecodeBuilder().Op(Opcode.Push32).Raw(0xAA, 0xBB);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        Assert.Equal(GasCostOf.VeryLow, run.ExecutionGas);
    }

    [Fact]
    public void A_JumpDest_byte_inside_truncated_push_data_is_not_a_jump_target()
    {
        // 0: PUSH1 4, 2: JUMP, 3: PUSH32 with only one immediate byte, 0x5B, at offset 4.
        var code = new BytecodeBuilder().Push(4).Op(Opcode.Jump).Op(Opcode.Push32).Raw((byte)Opcode.JumpDest);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.BadJumpDestination);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Dup16_copies_the_sixteenth_item()
    {
        var code = new BytecodeBuilder();
        for (int i = 1; i <= 16; i++) code.Push(i * 11);
        code.Op(OpcodeFamilies.Dup(16)).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(11), run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(16) + GasCostOf.VeryLow + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Dup16_with_fifteen_items_underflows()
    {
        var code = new BytecodeBuilder();
        for (int i = 1; i <= 15; i++) code.Push(i);
        code.Op(Opcode.Dup16).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.StackUnderflow);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Swap16_exchanges_the_top_with_the_seventeenth_item()
    {
        var code = new BytecodeBuilder();
        for (int i = 1; i <= 17; i++) code.Push(i);
        code.Op(OpcodeFamilies.Swap(16)).MStore(0);
        for (int i = 0; i < 15; i++) code.Op(Opcode.Pop);
        code.MStore(32).Return(0, 64);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(1), run.OutputWord(0));
        Assert.Equal(new UInt256(17), run.OutputWord(1));
        long expected = ExpectedGas.VeryLow(17) + GasCostOf.VeryLow + ExpectedGas.VeryLow(2) + ExpectedGas.Memory(1)
            + 15 * GasCostOf.Base + ExpectedGas.VeryLow(2) + ExpectedGas.Expansion(1, 2) + ExpectedGas.VeryLow(2);
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dup_and_swap_of_depth_n(int n)
    {
        // Items n+1 … 1 with 1 on top: DUPn copies n, SWAPn then puts the top (n) n places down.
        var code = new BytecodeBuilder();
        for (int i = n + 1; i >= 1; i--) code.Push(i);
        code.Op(OpcodeFamilies.Dup(n)).MStore(0).Op(OpcodeFamilies.Swap(n)).MStore(32).Return(0, 64);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)n), run.OutputWord(0));
        Assert.Equal(new UInt256((ulong)(n + 1)), run.OutputWord(1));
    }

    [Fact]
    public void Stack_holds_1024_items()
    {
        var code = new BytecodeBuilder();
        for (int i = 0; i < 1024; i++) code.Op(Opcode.Pc);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        Assert.Equal(1024 * GasCostOf.Base, run.ExecutionGas);
    }

    [Theory]
    [InlineData(Opcode.Pc)]
    [InlineData(Opcode.Dup1)]
    [InlineData(Opcode.Push1)]
    public void The_1025th_item_overflows_the_stack(Opcode last)
    {
        var code = new BytecodeBuilder();
        for (int i = 0; i < 1024; i++) code.Op(Opcode.Pc);
        code.Op(last).Raw(0x00);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.StackOverflow);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Swap_at_full_stack_does_not_overflow()
    {
        var code = new BytecodeBuilder();
        for (int i = 0; i < 1024; i++) code.Op(Opcode.Pc);
        code.Op(Opcode.Swap16);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        Assert.Equal(1024 * GasCostOf.Base + GasCostOf.VeryLow, run.ExecutionGas);
    }

    [Theory]
    [InlineData(Opcode.Pop)]
    [InlineData(Opcode.Swap1)]
    [InlineData(Opcode.Add)]
    public void Popping_an_empty_stack_underflows(Opcode op)
    {
        var code = new BytecodeBuilder().Op(op);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.StackUnderflow);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
