using System.Numerics;
using EvmCluster.Evm.Numerics;
using static EvmCluster.Evm.Tests.Numerics.U256Ref;

namespace EvmCluster.Evm.Tests.Numerics;

public class UInt256ConversionTests
{
    private const int N = 3000;

    [Fact]
    public void ConstantsAndProperties()
    {
        Assert.True(UInt256.Zero.IsZero);
        Assert.True(UInt256.One.IsOne);
        Check(Mask256, UInt256.MaxValue, "MaxValue");
        var rng = new Random(3001);
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng);
            BigInteger v = Big(x);
            CheckBool(v.IsZero, x.IsZero, "IsZero", x);
            CheckBool(v.IsOne, x.IsOne, "IsOne", x);
            CheckBool(v <= ulong.MaxValue, x.FitsInULong, "FitsInULong", x);
            CheckBool(v >= TwoTo255, x.IsNegative, "IsNegative", x);
            Assert.Equal((int)v.GetBitLength(), x.BitLength);
            Assert.Equal(((int)v.GetBitLength() + 7) / 8, x.ByteLength);
            Assert.Equal((ulong)(v & ulong.MaxValue), (ulong)x);
            Assert.Equal(unchecked((long)(ulong)(v & ulong.MaxValue)), (long)x);
            Assert.Equal(unchecked((uint)(ulong)(v & uint.MaxValue)), (uint)x);
            Assert.Equal(unchecked((int)(uint)(ulong)(v & uint.MaxValue)), (int)x);
        }
    }

    [Fact]
    public void ImplicitFromULong()
    {
        UInt256 x = 12345UL;
        Assert.Equal(new UInt256(12345), x);
        UInt256 y = ulong.MaxValue;
        Check(ulong.MaxValue, y, "implicit");
    }

    [Fact]
    public void BigIntegerRoundTrips()
    {
        var rng = new Random(3002);
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng);
            Assert.Equal(Big(x), x.ToBigInteger());
            Assert.Equal(x, UInt256.FromBigInteger(Big(x)));

            // Out-of-range and negative inputs reduce mod 2^256.
            BigInteger wide = Big(x) + (new BigInteger(rng.NextInt64()) << 256);
            Assert.Equal(x, UInt256.FromBigInteger(wide));
            Assert.Equal(FromBig(-Big(x)), UInt256.FromBigInteger(-Big(x)));
        }

        Assert.Equal(UInt256.MaxValue, UInt256.FromBigInteger(BigInteger.MinusOne));
        Assert.Equal(UInt256.Zero, UInt256.FromBigInteger(TwoTo256));
    }

    [Fact]
    public void BigEndianRoundTrips()
    {
        var rng = new Random(3003);
        Span<byte> buffer = stackalloc byte[40];
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng);
            byte[] expected = new byte[32];
            byte[] raw = Big(x).ToByteArray(isUnsigned: true, isBigEndian: true);
            if (!Big(x).IsZero) raw.CopyTo(expected, 32 - raw.Length);

            Assert.Equal(expected, x.ToBigEndian());
            buffer.Fill(0xAA);
            x.ToBigEndian(buffer);
            Assert.True(buffer.Slice(0, 32).SequenceEqual(expected));
            Assert.Equal(0xAA, buffer[32]);

            byte[] trimmed = x.ToBigEndianTrimmed();
            Assert.Equal(x.ByteLength, trimmed.Length);
            Assert.Equal(expected.AsSpan(32 - trimmed.Length).ToArray(), trimmed);
            Assert.True(trimmed.Length == 0 || trimmed[0] != 0);

            Assert.Equal(x, new UInt256(expected));
            Assert.Equal(x, new UInt256(trimmed));
        }

        Assert.Empty(UInt256.Zero.ToBigEndianTrimmed());
        Assert.Equal(new byte[] { 1 }, UInt256.One.ToBigEndianTrimmed());
        Assert.Equal(new byte[] { 1, 0 }, new UInt256(256).ToBigEndianTrimmed());
    }

    [Fact]
    public void ShortBigEndianInputsAreLeftPadded()
    {
        var rng = new Random(3004);
        for (int len = 0; len <= 32; len++)
        {
            for (int k = 0; k < 20; k++)
            {
                byte[] bytes = new byte[len];
                rng.NextBytes(bytes);
                Check(new BigInteger(bytes, isUnsigned: true, isBigEndian: true), new UInt256(bytes), "ctor(bytes)");
            }
        }

        Assert.Throws<ArgumentException>(() => new UInt256(new byte[33]));
        Assert.Throws<ArgumentException>(() => UInt256.One.ToBigEndian(new byte[31]));
    }

    [Fact]
    public void DecimalAndHexFormattingMatchReference()
    {
        var rng = new Random(3005);
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng);
            BigInteger v = Big(x);
            Assert.Equal(v.ToString(), x.ToString());
            string hex = v.IsZero ? "0" : v.ToString("x").TrimStart('0');
            Assert.Equal("0x" + hex, x.ToHexString());
        }

        Assert.Equal("0", UInt256.Zero.ToString());
        Assert.Equal("0x0", UInt256.Zero.ToHexString());
        Assert.Equal("115792089237316195423570985008687907853269984665640564039457584007913129639935", UInt256.MaxValue.ToString());
        Assert.Equal("0x" + new string('f', 64), UInt256.MaxValue.ToHexString());
    }

    [Fact]
    public void ParseRoundTrips()
    {
        var rng = new Random(3006);
        for (int i = 0; i < N; i++)
        {
            UInt256 x = Next(rng);
            BigInteger v = Big(x);
            Assert.Equal(x, UInt256.Parse(v.ToString()));
            Assert.Equal(x, UInt256.Parse(x.ToString()));
            Assert.Equal(x, UInt256.Parse(x.ToHexString()));

            // Zero padding and upper case are accepted.
            string padded = "0x" + new string('0', rng.Next(0, 4)) + v.ToString("X").TrimStart('0');
            Assert.True(UInt256.TryParse(padded, out UInt256 y));
            Assert.Equal(x, y);
            string decimalPadded = new string('0', rng.Next(0, 30)) + v.ToString();
            Assert.Equal(x, UInt256.Parse(decimalPadded));
        }

        Assert.Equal(UInt256.Zero, UInt256.Parse("0x"));
        Assert.Equal(UInt256.Zero, UInt256.Parse("0"));
        Assert.Equal(UInt256.MaxValue, UInt256.Parse("0x" + new string('f', 64)));
        Assert.Equal(UInt256.MaxValue, UInt256.Parse("0X" + new string('F', 64)));
        Assert.Equal(new UInt256(0, 0, 0, 1UL << 63), UInt256.Parse("57896044618658097711785492504343953926634992332820282019728792003956564819968"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("12a")]
    [InlineData("0xg")]
    [InlineData("0x 1")]
    [InlineData("x10")]
    [InlineData("1_000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    [InlineData("999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000")]
    public void InvalidTextIsRejected(string text)
    {
        Assert.False(UInt256.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => UInt256.Parse(text));
        Assert.Contains(text, ex.Message);
    }

    [Fact]
    public void EqualityHashAndOrdering()
    {
        var rng = new Random(3007);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng);
            UInt256 b = rng.Next(3) == 0 ? new UInt256(a.U0, a.U1, a.U2, a.U3) : Next(rng);
            if (rng.Next(4) == 0) b = new UInt256(a.U0 ^ (1UL << rng.Next(64)), a.U1, a.U2, a.U3);
            BigInteger x = Big(a), y = Big(b);
            CheckBool(x == y, a == b, "==", a, b);
            CheckBool(x != y, a != b, "!=", a, b);
            CheckBool(x == y, a.Equals(b), "Equals", a, b);
            CheckBool(x == y, a.Equals((object)b), "Equals(object)", a, b);
            CheckBool(x < y, a < b, "<", a, b);
            CheckBool(x > y, a > b, ">", a, b);
            CheckBool(x <= y, a <= b, "<=", a, b);
            CheckBool(x >= y, a >= b, ">=", a, b);
            CheckBool(x < y, UInt256.LessThan(in a, in b), "LessThan", a, b);
            CheckBool(x > y, UInt256.GreaterThan(in a, in b), "GreaterThan", a, b);
            Assert.Equal(x.CompareTo(y), a.CompareTo(b));
            if (x == y) Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }

        Assert.False(UInt256.One.Equals("1"));
    }

    [Fact]
    public void BitwiseOpsMatchReference()
    {
        var rng = new Random(3008);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            BigInteger x = Big(a), y = Big(b);
            UInt256.And(in a, in b, out UInt256 r1);
            Check(x & y, r1, "And", a, b);
            UInt256.Or(in a, in b, out UInt256 r2);
            Check(x | y, r2, "Or", a, b);
            UInt256.Xor(in a, in b, out UInt256 r3);
            Check(x ^ y, r3, "Xor", a, b);
            UInt256.Not(in a, out UInt256 r4);
            Check(Mask256 ^ x, r4, "Not", a);
            Check(x & y, a & b, "op&", a, b);
            Check(x | y, a | b, "op|", a, b);
            Check(x ^ y, a ^ b, "op^", a, b);
            Check(Mask256 ^ x, ~a, "op~", a);
        }
    }
}
