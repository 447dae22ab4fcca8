using System.Numerics;
using EvmCluster.Evm.Numerics;
using static EvmCluster.Evm.Tests.Numerics.U256Ref;

namespace EvmCluster.Evm.Tests.Numerics;

/// <summary>The EVM opcodes with special semantics, checked against plain Yellow Paper definitions.</summary>
public class UInt256EvmSemanticsTests
{
    private const int N = 5000;

    private static BigInteger RefSdiv(BigInteger a, BigInteger b)
    {
        if (b.IsZero) return 0;
        if (a == -TwoTo255 && b == -1) return -TwoTo255;
        BigInteger magnitude = BigInteger.Abs(a) / BigInteger.Abs(b);
        return a.Sign * b.Sign < 0 ? -magnitude : magnitude;
    }

    private static BigInteger RefSmod(BigInteger a, BigInteger b)
    {
        if (b.IsZero) return 0;
        BigInteger magnitude = BigInteger.Abs(a) % BigInteger.Abs(b);
        return a.Sign < 0 ? -magnitude : magnitude;
    }

    private static BigInteger RefSignExtend(BigInteger b, BigInteger x)
    {
        if (b >= 31) return x;
        int t = (int)(8 * b + 7);
        BigInteger low = (BigInteger.One << (t + 1)) - 1;
        bool sign = !((x >> t) & 1).IsZero;
        return sign ? x | (Mask256 ^ low) : x & low;
    }

    private static BigInteger RefByte(BigInteger i, BigInteger x) =>
        i >= 32 ? 0 : (x >> (int)(8 * (31 - i))) & 0xFF;

    private static BigInteger RefSar(BigInteger shift, BigInteger signedValue)
    {
        if (shift >= 256) return signedValue < 0 ? -1 : 0;
        // floor(x / 2^shift)
        BigInteger divisor = BigInteger.One << (int)shift;
        BigInteger q = BigInteger.DivRem(signedValue, divisor, out BigInteger r);
        return r.Sign < 0 ? q - 1 : q;
    }

    private static UInt256 NextShift(Random rng) => rng.Next(4) switch
    {
        0 => new UInt256((ulong)rng.Next(0, 300)),
        1 => new UInt256((ulong)rng.Next(0, 256)),
        2 => Edges[rng.Next(Edges.Length)],
        _ => Next(rng),
    };

    [Fact]
    public void SignedDivideMatchesReference()
    {
        var rng = new Random(2001);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            if (i % 4 == 0) UInt256.Negate(in b, out b);
            UInt256.SignedDivide(in a, in b, out UInt256 r);
            Check(Wrap(RefSdiv(Signed(a), Signed(b))), r, "SignedDivide", a, b);
        }
    }

    [Fact]
    public void SignedModMatchesReference()
    {
        var rng = new Random(2002);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            if (i % 4 == 0) UInt256.Negate(in a, out a);
            UInt256.SignedMod(in a, in b, out UInt256 r);
            Check(Wrap(RefSmod(Signed(a), Signed(b))), r, "SignedMod", a, b);
        }
    }

    [Fact]
    public void SignedCornerCases()
    {
        UInt256 minInt = new(0, 0, 0, 1UL << 63);
        UInt256 minusOne = UInt256.MaxValue;
        UInt256.SignedDivide(in minInt, in minusOne, out UInt256 q);
        Assert.Equal(minInt, q);
        UInt256.SignedMod(in minInt, in minusOne, out UInt256 r);
        Assert.True(r.IsZero);
        UInt256.SignedDivide(in minusOne, in UInt256.Zero, out UInt256 q0);
        Assert.True(q0.IsZero);
        UInt256.SignedMod(in minusOne, in UInt256.Zero, out UInt256 r0);
        Assert.True(r0.IsZero);

        // -7 / 2 = -3 (truncation), -7 smod 2 = -1, 7 smod -2 = 1.
        UInt256 minus7 = -new UInt256(7), two = 2, minus2 = -new UInt256(2), seven = 7;
        UInt256.SignedDivide(in minus7, in two, out UInt256 q1);
        Assert.Equal(-new UInt256(3), q1);
        UInt256.SignedMod(in minus7, in two, out UInt256 r1);
        Assert.Equal(UInt256.MaxValue, r1);
        UInt256.SignedMod(in seven, in minus2, out UInt256 r2);
        Assert.Equal(UInt256.One, r2);
    }

    [Fact]
    public void SignedComparisonsMatchReference()
    {
        var rng = new Random(2003);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = i % 7 == 0 ? Next(rng) : rng.Next(2) == 0 ? a : Next(rng);
            BigInteger x = Signed(a), y = Signed(b);
            CheckBool(x < y, UInt256.SignedLessThan(in a, in b), "SignedLessThan", a, b);
            CheckBool(x > y, UInt256.SignedGreaterThan(in a, in b), "SignedGreaterThan", a, b);
            CheckBool(x < 0, a.IsNegative, "IsNegative", a);
        }
    }

    [Fact]
    public void SignExtendMatchesReference()
    {
        var rng = new Random(2004);
        for (int i = 0; i < N; i++)
        {
            UInt256 b = i % 3 == 0 ? Next(rng) : new UInt256((ulong)rng.Next(0, 40));
            UInt256 x = Next(rng);
            UInt256.SignExtend(in b, in x, out UInt256 r);
            Check(RefSignExtend(Big(b), Big(x)), r, "SignExtend", b, x);
        }
    }

    [Fact]
    public void SignExtendEveryIndex()
    {
        UInt256[] values = [new(0x80), new(0x7F), new(0xFF7F), UInt256.MaxValue, new(0, 0, 0, 1UL << 63), new(0x8080808080808080, 0x8080808080808080, 0x8080808080808080, 0x8080808080808080)];
        foreach (UInt256 x in values)
        {
            for (ulong b = 0; b <= 40; b++)
            {
                UInt256 index = b;
                UInt256.SignExtend(in index, in x, out UInt256 r);
                Check(RefSignExtend(b, Big(x)), r, "SignExtend", index, x);
            }

            UInt256.SignExtend(in UInt256.MaxValue, in x, out UInt256 huge);
            Assert.Equal(x, huge);
        }

        UInt256.SignExtend(UInt256.Zero, new UInt256(0xFF), out UInt256 allOnes);
        Assert.Equal(UInt256.MaxValue, allOnes);
    }

    [Fact]
    public void ByteMatchesReference()
    {
        var rng = new Random(2005);
        for (int i = 0; i < N; i++)
        {
            UInt256 index = i % 4 == 0 ? Next(rng) : new UInt256((ulong)rng.Next(0, 40));
            UInt256 x = Next(rng);
            UInt256.Byte(in index, in x, out UInt256 r);
            Check(RefByte(Big(index), Big(x)), r, "Byte", index, x);
        }

        UInt256 v = UInt256.Parse("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        for (ulong k = 0; k < 32; k++)
        {
            UInt256.Byte(k, in v, out UInt256 r);
            Assert.Equal(k + 1, (ulong)r);
        }
    }

    [Fact]
    public void ShiftsMatchReference()
    {
        var rng = new Random(2006);
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng), s = NextShift(rng);
            BigInteger sh = Big(s), v = Big(x);
            BigInteger shl = sh >= 256 ? 0 : (v << (int)sh) & Mask256;
            BigInteger shr = sh >= 256 ? 0 : v >> (int)sh;
            UInt256.ShiftLeft(in x, in s, out UInt256 r1);
            Check(shl, r1, "SHL", x, s);
            UInt256.ShiftRight(in x, in s, out UInt256 r2);
            Check(shr, r2, "SHR", x, s);
            UInt256.ArithmeticShiftRight(in x, in s, out UInt256 r3);
            Check(Wrap(RefSar(sh, Signed(x))), r3, "SAR", x, s);

            if (sh < 1000)
            {
                int k = (int)sh;
                UInt256.ShiftLeft(in x, k, out UInt256 r4);
                Check(shl, r4, "ShiftLeft(int)", x, s);
                UInt256.ShiftRight(in x, k, out UInt256 r5);
                Check(shr, r5, "ShiftRight(int)", x, s);
                Check(shl, x << k, "op<<", x, s);
                Check(shr, x >> k, "op>>", x, s);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(int.MaxValue)]
    public void ShiftsBySpecificAmounts(int shift)
    {
        UInt256[] values = [UInt256.MaxValue, UInt256.One, new(0, 0, 0, 1UL << 63), new(0x0123456789abcdef, 0xfedcba9876543210, 0x1111, 0x8000_0000_0000_0001)];
        foreach (UInt256 x in values)
        {
            BigInteger v = Big(x);
            BigInteger shl = shift >= 256 ? 0 : (v << shift) & Mask256;
            BigInteger shr = shift >= 256 ? 0 : v >> shift;
            UInt256 s = (ulong)shift;
            UInt256.ShiftLeft(in x, in s, out UInt256 r1);
            Check(shl, r1, "SHL", x, s);
            UInt256.ShiftRight(in x, in s, out UInt256 r2);
            Check(shr, r2, "SHR", x, s);
            UInt256.ArithmeticShiftRight(in x, in s, out UInt256 r3);
            Check(Wrap(RefSar(shift, Signed(x))), r3, "SAR", x, s);
            UInt256.ShiftLeft(in x, shift, out UInt256 r4);
            Check(shl, r4, "ShiftLeft(int)", x, s);
            UInt256.ShiftRight(in x, shift, out UInt256 r5);
            Check(shr, r5, "ShiftRight(int)", x, s);
        }
    }

    [Fact]
    public void ShiftsByHugeAmounts()
    {
        UInt256 negative = new(5, 0, 0, 1UL << 63);
        UInt256 positive = new(5, 6, 7, 8);
        foreach (UInt256 s in new[] { new UInt256(0, 1), new UInt256(256, 0, 0, 1), UInt256.MaxValue })
        {
            UInt256.ShiftLeft(in positive, in s, out UInt256 a);
            UInt256.ShiftRight(in positive, in s, out UInt256 b);
            UInt256.ArithmeticShiftRight(in positive, in s, out UInt256 c);
            UInt256.ArithmeticShiftRight(in negative, in s, out UInt256 d);
            Assert.True(a.IsZero && b.IsZero && c.IsZero);
            Assert.Equal(UInt256.MaxValue, d);
        }
    }
}
