using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>LT … SAR: comparisons (signed and unsigned), bit logic, BYTE and the EIP-145 shifts.</summary>
public class BitwiseOpcodeTests
{
    /// <summary>(opcode, top of stack, second item, expected); every one of these costs VeryLow.</summary>
    public static TheoryData<Opcode, string, string, string> BinaryCases => new()
    {
        { Opcode.Lt, "1", "2", "1" },
        { Opcode.Lt, "2", "1", "0" },
        { Opcode.Lt, "2", "2", "0" },
        { Opcode.Lt, "-1", "0", "0" },
        { Opcode.Gt, "2", "1", "1" },
        { Opcode.Gt, "-1", "1", "1" },
        { Opcode.SLt, "-1", "1", "1" },
        { Opcode.SLt, "1", "-1", "0" },
        { Opcode.SLt, "min", "max", "1" },
        { Opcode.SGt, "1", "-1", "1" },
        { Opcode.SGt, "min", "-1", "0" },
        { Opcode.SGt, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "min", "1" },
        { Opcode.Eq, "max", "max", "1" },
        { Opcode.Eq, "2^128", "2^129", "0" },
        { Opcode.And, "0xf0f0", "0xff00", "0xf000" },
        { Opcode.Or, "0xf0f0", "0x0f00", "0xfff0" },
        { Opcode.Xor, "max", "0xff", "-256" },
        { Opcode.Byte, "31", "0xabcd", "0xcd" },
        { Opcode.Byte, "30", "0xabcd", "0xab" },
        { Opcode.Byte, "0", "0xab00000000000000000000000000000000000000000000000000000000000000", "0xab" },
        { Opcode.Byte, "32", "max", "0" },
        { Opcode.Byte, "2^128", "max", "0" },
        { Opcode.Shl, "1", "1", "2" },
        { Opcode.Shl, "255", "1", "min" },
        { Opcode.Shl, "256", "1", "0" },
        { Opcode.Shl, "4", "max", "-16" },
        { Opcode.Shl, "2^64", "1", "0" },
        { Opcode.Shr, "1", "2", "1" },
        { Opcode.Shr, "255", "min", "1" },
        { Opcode.Shr, "256", "min", "0" },
        { Opcode.Shr, "4", "max", "0x0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" },
        { Opcode.Sar, "1", "-2", "-1" },
        { Opcode.Sar, "4", "0x100", "0x10" },
        { Opcode.Sar, "255", "min", "max" },
        { Opcode.Sar, "256", "min", "max" },
        { Opcode.Sar, "256", "2^254", "0" },
        { Opcode.Sar, "2^128", "-1", "max" },
    };

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_operation_result_and_price(Opcode op, string top, string second, string expected)
    {
        var code = new BytecodeBuilder().Push(Words.Parse(second)).Push(Words.Parse(top)).Op(op).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Words.Parse(expected), run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(3) + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    public static TheoryData<Opcode, string, string> UnaryCases => new()
    {
        { Opcode.IsZero, "0", "1" },
        { Opcode.IsZero, "2^200", "0" },
        { Opcode.Not, "0", "max" },
        { Opcode.Not, "min", "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" },
    };

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_operation_result_and_price(Opcode op, string operand, string expected)
    {
        var code = new BytecodeBuilder().Push(Words.Parse(operand)).Op(op).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Words.Parse(expected), run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(2) + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Theory]
    [InlineData(Opcode.Shl)]
    [InlineData(Opcode.Shr)]
    [InlineData(Opcode.Sar)]
    public void Shifts_are_invalid_before_Constantinople(Opcode op)
    {
        var code = new BytecodeBuilder().Push(1).Push(1).Op(op).ReturnTop();

        Execution before = new EvmHarness(Forks.Byzantium).Run(code).Expect(EvmStatus.BadInstruction);
        Execution after = new EvmHarness(Forks.Constantinople).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(before.AvailableGas, before.ExecutionGas);
        Assert.Empty(before.Output);
        Assert.Equal(ExpectedGas.VeryLow(3) + ExpectedGas.ReturnTop(), after.ExecutionGas);
        Assert.Equal(op == Opcode.Shl ? new UInt256(2) : UInt256.Zero, after.OutputWord());
    }
}
