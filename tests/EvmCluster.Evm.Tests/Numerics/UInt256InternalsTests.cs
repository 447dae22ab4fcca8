using System.Numerics;
using EvmCluster.Evm.Numerics;
using static EvmCluster.Evm.Tests.Numerics.U256Ref;

namespace EvmCluster.Evm.Tests.Numerics;

/// <summary>The limb-level division primitives, and results written over their own inputs.</summary>
public class UInt256InternalsTests
{
    private static ulong NextNormalized(Random rng) => NextULong(rng) | (1UL << 63);

    [Fact]
    public void Reciprocal2By1MatchesDefinition()
    {
        var rng = new Random(4001);
        ulong[] fixedValues = [1UL << 63, ulong.MaxValue, (1UL << 63) + 1, ulong.MaxValue - 1];
        for (int i = 0; i < 3000; i++)
        {
            ulong d = i < fixedValues.Length ? fixedValues[i] : NextNormalized(rng);
            BigInteger expected = (BigInteger.Pow(2, 128) - 1) / d - BigInteger.Pow(2, 64);
            Assert.Equal(expected, (BigInteger)UInt256.Reciprocal2By1(d));
        }
    }

    // Divisors of 2^128 - 1 paired with an all-ones low limb reach the rarely taken double corrections
    // in the 3-by-2 reciprocal (found by searching; random inputs essentially never hit them).
    private static readonly (ulong D1, ulong D0)[] RareReciprocalCases =
    [
        (0x8e05e117d9e786d5, ulong.MaxValue),
        (0x8e05e117d9e786d5, ulong.MaxValue - 2),
        (0x8e05e117d9e786d4, ulong.MaxValue),
        (0x989e556cadac2d7f, ulong.MaxValue),
        (0x99d0c486a0fad47f, ulong.MaxValue - 1),
        (0xb7938c6947d97303, ulong.MaxValue),
        (0xd6329033d6329033, ulong.MaxValue),
    ];

    [Fact]
    public void Reciprocal3By2MatchesDefinition()
    {
        var rng = new Random(4007);
        ulong[] special = [0, 1, 2, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1, (1UL << 63) + 1];
        BigInteger beta3 = BigInteger.Pow(2, 192);
        for (int i = 0; i < 6000; i++)
        {
            ulong d1 = rng.Next(3) == 0 ? special[rng.Next(3, special.Length)] | (1UL << 63) : NextNormalized(rng);
            ulong d0 = rng.Next(2) == 0 ? special[rng.Next(special.Length)] : NextULong(rng);
            if (i % 11 == 0) d0 = d1;
            if (i % 13 == 0) d0 = ~d1;
            if (i < RareReciprocalCases.Length)
            {
                (d1, d0) = RareReciprocalCases[i];
            }

            BigInteger d = ((BigInteger)d1 << 64) + d0;
            BigInteger expected = (beta3 - 1) / d - BigInteger.Pow(2, 64);
            Assert.Equal(expected, (BigInteger)UInt256.Reciprocal3By2(d1, d0));
        }
    }

    [Fact]
    public void DivRem2By1MatchesUInt128()
    {
        var rng = new Random(4002);
        for (int i = 0; i < 5000; i++)
        {
            ulong d = i % 10 == 0 ? ulong.MaxValue - (ulong)rng.Next(3) : NextNormalized(rng);
            ulong u1 = i % 7 == 0 ? d - 1 : NextULong(rng) % d;
            ulong u0 = i % 5 == 0 ? ulong.MaxValue : NextULong(rng);
            ulong v = UInt256.Reciprocal2By1(d);
            ulong q = UInt256.DivRem2By1(u1, u0, d, v, out ulong r);
            UInt128 u = new(u1, u0);
            Assert.Equal((ulong)(u / d), q);
            Assert.Equal((ulong)(u % d), r);
        }
    }

    [Fact]
    public void DivRem3By2MatchesBigInteger()
    {
        var rng = new Random(4003);
        for (int i = 0; i < 5000; i++)
        {
            ulong d1 = i % 9 == 0 ? ulong.MaxValue : NextNormalized(rng);
            ulong d0 = i % 4 == 0 ? ulong.MaxValue : i % 4 == 1 ? 0 : NextULong(rng);
            BigInteger d = ((BigInteger)d1 << 64) + d0;

            // (u2, u1) must be below (d1, d0).
            BigInteger top = i % 6 == 0 ? d - 1 : (((BigInteger)NextULong(rng) << 64) + NextULong(rng)) % d;
            ulong u0 = NextULong(rng);
            BigInteger u = (top << 64) + u0;

            ulong v = UInt256.Reciprocal3By2(d1, d0);
            ulong q = UInt256.DivRem3By2((ulong)(top >> 64), (ulong)(top & ulong.MaxValue), u0, d1, d0, v, out ulong r1, out ulong r0);
            Assert.Equal(u / d, (BigInteger)q);
            Assert.Equal(u % d, ((BigInteger)r1 << 64) + r0);
        }
    }

    [Fact]
    public void Remainder128MatchesUInt128()
    {
        var rng = new Random(4004);
        for (int i = 0; i < 3000; i++)
        {
            ulong d = (NextULong(rng) >> rng.Next(64)) | 1;
            ulong hi = NextULong(rng) % d, lo = NextULong(rng);
            Assert.Equal((ulong)(new UInt128(hi, lo) % d), UInt256.Remainder128(hi, lo, d));
        }
    }

    private delegate void Binary(in UInt256 a, in UInt256 b, out UInt256 r);

    public static TheoryData<string> BinaryOps => new()
    {
        "Add", "Subtract", "Multiply", "Divide", "Mod", "SignedDivide", "SignedMod", "Exp", "And", "Or", "Xor",
        "ShiftLeft", "ShiftRight", "ArithmeticShiftRight", "Byte", "SignExtend", "AddMod", "MultiplyMod",
    };

    private static Binary Resolve(string name) => name switch
    {
        "Add" => UInt256.Add,
        "Subtract" => UInt256.Subtract,
        "Multiply" => UInt256.Multiply,
        "Divide" => UInt256.Divide,
        "Mod" => UInt256.Mod,
        "SignedDivide" => UInt256.SignedDivide,
        "SignedMod" => UInt256.SignedMod,
        "Exp" => UInt256.Exp,
        "And" => UInt256.And,
        "Or" => UInt256.Or,
        "Xor" => UInt256.Xor,
        "ShiftLeft" => UInt256.ShiftLeft,
        "ShiftRight" => UInt256.ShiftRight,
        "ArithmeticShiftRight" => UInt256.ArithmeticShiftRight,
        "Byte" => UInt256.Byte,
        "SignExtend" => UInt256.SignExtend,
        // Three-operand ops reuse the first operand as the modulus to test aliasing of all inputs.
        "AddMod" => (in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.AddMod(in a, in b, in a, out r),
        "MultiplyMod" => (in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.MultiplyMod(in a, in b, in b, out r),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void OutputMayAliasAnInput(string name)
    {
        Binary op = Resolve(name);
        var rng = new Random(4005 + name.Length);
        for (int i = 0; i < 300; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            if (name is "ShiftLeft" or "ShiftRight" or "ArithmeticShiftRight" or "Byte" or "SignExtend")
            {
                a = new UInt256((ulong)rng.Next(0, 260));
                (a, b) = name.StartsWith("Shift") || name.StartsWith("Arith") ? (b, a) : (a, b);
            }

            op(in a, in b, out UInt256 expected);
            UInt256 x = a, y = b;
            op(in x, in y, out x);
            Assert.Equal(expected, x);
            x = a;
            y = b;
            op(in x, in y, out y);
            Assert.Equal(expected, y);
            x = a;
            op(in x, in x, out UInt256 same);
            op(in x, in x, out x);
            Assert.Equal(same, x);
        }
    }

    [Fact]
    public void DivModOutputsMayAliasInputs()
    {
        var rng = new Random(4006);
        for (int i = 0; i < 500; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            UInt256.DivMod(in a, in b, out UInt256 q, out UInt256 r);
            UInt256 x = a, y = b;
            UInt256.DivMod(in x, in y, out x, out y);
            Assert.Equal(q, x);
            Assert.Equal(r, y);
            x = a;
            y = b;
            UInt256.DivMod(in x, in y, out y, out x);
            Assert.Equal(q, y);
            Assert.Equal(r, x);
        }
    }
}
