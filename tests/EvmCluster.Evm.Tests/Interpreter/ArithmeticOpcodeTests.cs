using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>ADD … SIGNEXTEND: results on edge values and static prices; EXP's per-byte price before and after EIP-160.</summary>
public class ArithmeticOpcodeTests
{
    private static long PriceOf(Opcode op) => op switch
    {
        Opcode.Add or Opcode.Sub => GasCostOf.VeryLow,
        Opcode.Mul or Opcode.Div or Opcode.SDiv or Opcode.Mod or Opcode.SMod or Opcode.SignExtend => GasCostOf.Low,
        Opcode.AddMod or Opcode.MulMod => GasCostOf.Mid,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>(opcode, top of stack, second item, expected).</summary>
    public static TheoryData<Opcode, string, string, string> BinaryCases => new()
    {
        { Opcode.Add, "1", "2", "3" },
        { Opcode.Add, "max", "1", "0" },
        { Opcode.Add, "max", "max", "-2" },
        { Opcode.Mul, "2^128", "2^128", "0" },
        { Opcode.Mul, "0xffffffff", "0xffffffff", "0xfffffffe00000001" },
        { Opcode.Mul, "max", "max", "1" },
        { Opcode.Sub, "10", "3", "7" },
        { Opcode.Sub, "0", "1", "max" },
        { Opcode.Sub, "3", "10", "-7" },
        { Opcode.Div, "10", "3", "3" },
        { Opcode.Div, "10", "0", "0" },
        { Opcode.Div, "max", "2^255", "1" },
        { Opcode.SDiv, "-10", "3", "-3" },
        { Opcode.SDiv, "10", "-3", "-3" },
        { Opcode.SDiv, "-8", "-2", "4" },
        { Opcode.SDiv, "min", "-1", "min" },
        { Opcode.SDiv, "-5", "0", "0" },
        { Opcode.Mod, "10", "3", "1" },
        { Opcode.Mod, "10", "0", "0" },
        { Opcode.Mod, "max", "2^128", "0xffffffffffffffffffffffffffffffff" },
        { Opcode.SMod, "-10", "3", "-1" },
        { Opcode.SMod, "10", "-3", "1" },
        { Opcode.SMod, "min", "-1", "0" },
        { Opcode.SMod, "-7", "0", "0" },
        { Opcode.Exp, "2", "10", "1024" },
        { Opcode.Exp, "2", "256", "0" },
        { Opcode.Exp, "0", "0", "1" },
        { Opcode.Exp, "max", "2", "1" },
        { Opcode.Exp, "3", "200", "0xc21a937a76f3432ffd73d97e447606b683ecf6f6e4a7ae225bfaff1eaaf8b0a1" },
        { Opcode.SignExtend, "0", "0xff", "max" },
        { Opcode.SignExtend, "0", "0x7f", "0x7f" },
        { Opcode.SignExtend, "0", "0xff7f", "0x7f" },
        { Opcode.SignExtend, "1", "0x8000", "-32768" },
        { Opcode.SignExtend, "31", "min", "min" },
        { Opcode.SignExtend, "32", "0xff", "0xff" },
        { Opcode.SignExtend, "max", "0x80", "0x80" },
    };

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_operation_result_and_price(Opcode op, string top, string second, string expected)
    {
        var code = new BytecodeBuilder().Push(Words.Parse(second)).Push(Words.Parse(top)).Op(op).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Words.Parse(expected), run.OutputWord());
        long opPrice = op == Opcode.Exp
            ? GasCostOf.Exp + GasCostOf.ExpByteEip160 * Words.Parse(second).ByteLength
            : PriceOf(op);
        Assert.Equal(ExpectedGas.VeryLow(2) + opPrice + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    /// <summary>(opcode, a, b, N, expected) for (a op b) mod N with a on top.</summary>
    public static TheoryData<Opcode, string, string, string, string> ModularCases => new()
    {
        { Opcode.AddMod, "10", "10", "8", "4" },
        { Opcode.AddMod, "max", "2", "3", "2" },          // 2^256 + 1 ≡ 2 (mod 3): no wrap before the reduction
        { Opcode.AddMod, "max", "max", "max", "0" },
        { Opcode.AddMod, "5", "6", "0", "0" },
        { Opcode.MulMod, "10", "10", "7", "2" },
        { Opcode.MulMod, "max", "max", "12", "9" },       // the 512-bit product is reduced
        { Opcode.MulMod, "2^255", "2", "max", "1" },
        { Opcode.MulMod, "5", "6", "0", "0" },
    };

    [Theory]
    [MemberData(nameof(ModularCases))]
    public void Modular_operation_result_and_price(Opcode op, string a, string b, string modulus, string expected)
    {
        var code = new BytecodeBuilder()
            .Push(Words.Parse(modulus)).Push(Words.Parse(b)).Push(Words.Parse(a)).Op(op).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(Words.Parse(expected), run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(3) + GasCostOf.Mid + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    public static TheoryData<string, string, int> ExpByteCases => new()
    {
        { "TangerineWhistle", "0", 0 },
        { "TangerineWhistle", "0xff", 1 },
        { "TangerineWhistle", "0x100", 2 },
        { "TangerineWhistle", "2^255", 32 },
        { "SpuriousDragon", "0", 0 },
        { "SpuriousDragon", "0xff", 1 },
        { "SpuriousDragon", "0x100", 2 },
        { "SpuriousDragon", "2^255", 32 },
        { "Cancun", "0x010000", 3 },
    };

    [Theory]
    [MemberData(nameof(ExpByteCases))]
    public void Exp_charges_per_exponent_byte_at_the_fork_price(string fork, string exponent, int exponentBytes)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        long perByte = fork == "TangerineWhistle" ? GasCostOf.ExpByteFrontier : GasCostOf.ExpByteEip160;
        var code = new BytecodeBuilder().Push(Words.Parse(exponent)).Push(1).Op(Opcode.Exp).ReturnTop();

        Execution run = new EvmHarness(spec).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(2) + GasCostOf.Exp + perByte * exponentBytes + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void Exp_with_too_little_gas_for_the_exponent_bytes_runs_out_of_gas()
    {
        // 32 exponent bytes cost 1,600 on top of EXP's 10; give the code less than that.
        var code = new BytecodeBuilder().Push(Words.Max).Push(3).Op(Opcode.Exp).ReturnTop();
        var harness = new EvmHarness(Forks.Cancun);
        ulong gasLimit = (ulong)(GasCostOf.Transaction + ExpectedGas.VeryLow(2) + GasCostOf.Exp + 32 * GasCostOf.ExpByteEip160 - 1);

        Execution run = harness.Run(code, gasLimit: gasLimit).Expect(EvmStatus.OutOfGas);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Arithmetic_needs_its_operands_on_the_stack()
    {
        var code = new BytecodeBuilder().Push(1).Push(2).Op(Opcode.AddMod);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.StackUnderflow);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
