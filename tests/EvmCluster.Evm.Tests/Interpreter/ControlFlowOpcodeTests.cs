using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>JUMP, JUMPI, JUMPDEST, PC, GAS, STOP, RETURN, REVERT and invalid opcodes.</summary>
public class ControlFlowOpcodeTests
{
    [Fact]
    public void Jump_lands_on_a_jumpdest_and_skips_what_lies_between()
    {
        var code = new BytecodeBuilder().Jump("target").Op(Opcode.Invalid).Label("target").Push(7).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(7), run.OutputWord());
        long expected = GasCostOf.VeryLow + GasCostOf.Mid + GasCostOf.JumpDest + GasCostOf.VeryLow + ExpectedGas.ReturnTop();
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Theory]
    [InlineData("4")]     // the 0x5B immediate of the PUSH1 at offset 3
    [InlineData("3")]     // a PUSH1, not a JUMPDEST
    [InlineData("6")]     // past the end of the code
    [InlineData("2^64")]  // far beyond any code
    public void Jump_to_anything_but_a_real_jumpdest_fails(string destination)
    {
        // 0: PUSH1 dest, 2: JUMP, 3: PUSH1 0x5B, 5: STOP (a wider PUSH for the far destination).
        UInt256 target = Words.Parse(destination);
        byte[] program = new BytecodeBuilder().PushWidth(Math.Max(1, target.ByteLength), target)
            .Op(Opcode.Jump).Op(Opcode.Push1).Raw(0x5B).Op(Opcode.Stop).ToArray();

        Execution run = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Contract, program).Call(EvmHarness.Contract)
            .Expect(EvmStatus.BadJumpDestination);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void JumpI_jumps_on_a_non_zero_condition()
    {
        var code = new BytecodeBuilder().Push(Words.Pow2(200)).JumpI("taken").Push(1).ReturnTop().Label("taken").Push(2).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(2), run.OutputWord());
        long expected = ExpectedGas.VeryLow(2) + GasCostOf.High + GasCostOf.JumpDest + GasCostOf.VeryLow + ExpectedGas.ReturnTop();
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void JumpI_not_taken_ignores_even_an_invalid_destination()
    {
        var code = new BytecodeBuilder().Push(0).Push(0xFFFF).Op(Opcode.JumpI).Push(1).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(2) + GasCostOf.High + GasCostOf.VeryLow + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Pc_is_the_offset_of_the_pc_instruction()
    {
        var code = new BytecodeBuilder().Push(Words.Pow2(100)).Op(Opcode.Pop).Op(Opcode.Pc).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(1 + 13 + 1), run.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + 2 * GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Gas_reports_what_is_left_after_paying_for_itself()
    {
        var code = new BytecodeBuilder().Op(Opcode.Gas).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code, gasLimit: 100_000).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)(100_000 - GasCostOf.Transaction - GasCostOf.Base)), run.OutputWord());
    }

    [Fact]
    public void Running_off_the_end_of_code_stops()
    {
        Execution run = new EvmHarness(Forks.Cancun).Run(new BytecodeBuilder().Push(1)).Expect(EvmStatus.Stop);

        Assert.Empty(run.Output);
        Assert.Equal(GasCostOf.VeryLow, run.ExecutionGas);
    }

    [Fact]
    public void Revert_returns_data_undoes_state_and_keeps_unused_gas()
    {
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().SStore(0, 1).MStore(0, 0xBEEF).Revert(30, 2);

        Execution run = harness.Run(code).Expect(EvmStatus.Revert);

        Assert.Equal(new byte[] { 0xBE, 0xEF }, run.Output);
        Assert.Equal(UInt256.Zero, run.Storage(EvmHarness.Contract, 0));
        Assert.Empty(run.Changes.Storage);
        long expected = ExpectedGas.VeryLow(2) + GasCostOf.ColdSLoad + GasCostOf.SSet
            + ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1) + ExpectedGas.VeryLow(2);
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void Revert_does_not_exist_before_Byzantium()
    {
        Execution run = new EvmHarness(Forks.SpuriousDragon).Run(new BytecodeBuilder().Revert(0, 0)).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Theory]
    [InlineData((byte)0xFE)]   // the designated INVALID
    [InlineData((byte)0x0C)]   // unassigned
    [InlineData((byte)0xEF)]   // unassigned
    public void Invalid_opcodes_consume_all_gas(byte opcode)
    {
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().SStore(0, 1).Op(opcode);

        Execution run = harness.Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
        Assert.Empty(run.Changes.Storage);
    }

    [Fact]
    public void Return_with_zero_length_at_a_huge_offset_returns_nothing_for_free()
    {
        var code = new BytecodeBuilder().Push(0).Push(Words.Pow2(128)).Op(Opcode.Return);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Empty(run.Output);
        Assert.Equal(ExpectedGas.VeryLow(2), run.ExecutionGas);
    }
}
