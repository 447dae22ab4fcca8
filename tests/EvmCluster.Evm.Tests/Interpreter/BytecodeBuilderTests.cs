using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>The test builder itself: push widths, operand order, labels and the init-code wrapper.</summary>
public class BytecodeBuilderTests
{
    [Theory]
    [InlineData("0", new byte[] { 0x60, 0x00 })]
    [InlineData("0xff", new byte[] { 0x60, 0xFF })]
    [InlineData("0x100", new byte[] { 0x61, 0x01, 0x00 })]
    [InlineData("0x0123456789", new byte[] { 0x64, 0x01, 0x23, 0x45, 0x67, 0x89 })]
    public void Push_uses_the_narrowest_width(string value, byte[] expected)
    {
        Assert.Equal(expected, new BytecodeBuilder().Push(Words.Parse(value)).ToArray());
    }

    [Fact]
    public void Push_of_a_full_word_and_of_an_address()
    {
        byte[] max = new BytecodeBuilder().Push(Words.Max).ToArray();
        byte[] address = new BytecodeBuilder().Push(EvmHarness.Contract).ToArray();

        Assert.Equal(33, max.Length);
        Assert.Equal((byte)Opcode.Push32, max[0]);
        Assert.All(max[1..], b => Assert.Equal(0xFF, b));
        Assert.Equal((byte)Opcode.Push20, address[0]);
        Assert.Equal(EvmHarness.Contract.ToArray(), address[1..]);
    }

    [Fact]
    public void Helpers_push_operands_so_the_first_ends_on_top()
    {
        // MSTORE(offset=0x40, value=0x01): PUSH1 01, PUSH1 40, MSTORE.
        Assert.Equal(new byte[] { 0x60, 0x01, 0x60, 0x40, 0x52 }, new BytecodeBuilder().MStore(0x40, 1).ToArray());
        // RETURN(offset=0, length=0x20): PUSH1 20, PUSH1 00, RETURN.
        Assert.Equal(new byte[] { 0x60, 0x20, 0x60, 0x00, 0xF3 }, new BytecodeBuilder().Return(0, 32).ToArray());
    }

    [Fact]
    public void Call_pushes_seven_operands_with_gas_on_top()
    {
        byte[] code = new BytecodeBuilder().Call(0x99, Address.FromLowBytes(0xAB), 5, 1, 2, 3, 4).ToArray();

        byte[] expected =
        [
            0x60, 4, 0x60, 3, 0x60, 2, 0x60, 1, 0x60, 5,
            0x73, .. Address.FromLowBytes(0xAB).ToArray(),
            0x60, 0x99, 0xF1,
        ];
        Assert.Equal(expected, code);
    }

    [Fact]
    public void Labels_resolve_forward_and_backward_jumps()
    {
        byte[] code = new BytecodeBuilder().Label("top").Jump("end").Jump("top").Label("end").ToArray();

        // 0: JUMPDEST, 1: PUSH2 0009, 4: JUMP, 5: PUSH2 0000, 8: JUMP, 9: JUMPDEST.
        Assert.Equal(new byte[] { 0x5B, 0x61, 0x00, 0x09, 0x56, 0x61, 0x00, 0x00, 0x56, 0x5B }, code);
    }

    [Fact]
    public void Undefined_labels_are_reported()
    {
        Assert.Throws<InvalidOperationException>(() => new BytecodeBuilder().Jump("nowhere").ToArray());
        Assert.Throws<InvalidOperationException>(() => new BytecodeBuilder().Label("x").Label("x"));
    }

    [Fact]
    public void Init_code_wrapper_deploys_exactly_the_runtime()
    {
        byte[] runtime = new BytecodeBuilder().Push(Words.Max).ReturnTop().ToArray();
        byte[] init = BytecodeBuilder.InitCodeFor(runtime);
        var harness = new EvmHarness(Forks.Cancun);

        Execution run = harness.Create(init).Expect(EvmStatus.Return);

        Assert.Equal(BytecodeBuilder.InitCodePrefixLength + runtime.Length, init.Length);
        Assert.Equal(runtime, harness.World.CodeAt(run.Result.ContractAddress!.Value));
        Assert.Equal(ExpectedGas.InitCodePrefix(runtime.Length) + GasCostOf.CodeDeposit * runtime.Length, run.ExecutionGas);
    }

    [Fact]
    public void Measure_reports_the_body_plus_one_gas_instruction()
    {
        var code = new BytecodeBuilder().Measure(b => b.Push(1).Op(Opcode.Pop)).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)ExpectedGas.Measured(GasCostOf.VeryLow + GasCostOf.Base)), run.OutputWord());
        Assert.Equal(ExpectedGas.MeasureOverhead + GasCostOf.VeryLow + GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Memory_price_formula()
    {
        Assert.Equal(0, ExpectedGas.Memory(0));
        Assert.Equal(3, ExpectedGas.Memory(1));
        Assert.Equal(3 * 22 + 0, ExpectedGas.Memory(22));   // 484/512 rounds down
        Assert.Equal(3 * 23 + 1, ExpectedGas.Memory(23));   // 529/512
        Assert.Equal(3 * 1024 + 2048, ExpectedGas.Memory(1024));
    }
}
