using System.Numerics;
using EvmCluster.Evm.Numerics;
using static EvmCluster.Evm.Tests.Numerics.U256Ref;

namespace EvmCluster.Evm.Tests.Numerics;

public class UInt256ArithmeticTests
{
    private const int N = 5000;

    [Fact]
    public void AddAndAddOverflowMatchReference()
    {
        var rng = new Random(1001);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            BigInteger sum = Big(a) + Big(b);
            UInt256.Add(in a, in b, out UInt256 r);
            Check(Wrap(sum), r, "Add", a, b);
            bool carry = UInt256.AddOverflow(in a, in b, out UInt256 r2);
            Check(Wrap(sum), r2, "AddOverflow", a, b);
            CheckBool(sum >= TwoTo256, carry, "AddOverflow.carry", a, b);
            Check(Wrap(sum), a + b, "op+", a, b);
        }
    }

    [Fact]
    public void SubtractAndUnderflowMatchReference()
    {
        var rng = new Random(1002);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            BigInteger diff = Big(a) - Big(b);
            UInt256.Subtract(in a, in b, out UInt256 r);
            Check(Wrap(diff), r, "Subtract", a, b);
            bool borrow = UInt256.SubtractUnderflow(in a, in b, out UInt256 r2);
            Check(Wrap(diff), r2, "SubtractUnderflow", a, b);
            CheckBool(diff < 0, borrow, "SubtractUnderflow.borrow", a, b);
            Check(Wrap(diff), a - b, "op-", a, b);
        }
    }

    [Fact]
    public void NegateMatchesReference()
    {
        var rng = new Random(1003);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng);
            UInt256.Negate(in a, out UInt256 r);
            Check(Wrap(-Big(a)), r, "Negate", a);
            Check(Wrap(-Big(a)), -a, "unary-", a);
        }
    }

    [Fact]
    public void MultiplyAndOverflowMatchReference()
    {
        var rng = new Random(1004);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            BigInteger product = Big(a) * Big(b);
            UInt256.Multiply(in a, in b, out UInt256 r);
            Check(Wrap(product), r, "Multiply", a, b);
            bool overflow = UInt256.MultiplyOverflow(in a, in b, out UInt256 r2);
            Check(Wrap(product), r2, "MultiplyOverflow", a, b);
            CheckBool(product >= TwoTo256, overflow, "MultiplyOverflow.flag", a, b);
            Check(Wrap(product), a * b, "op*", a, b);
        }
    }

    [Fact]
    public void SquareMatchesReference()
    {
        var rng = new Random(1005);
        for (int i = 0; i < N; i++)
        {
            UInt256 a = Next(rng);
            UInt256.Square(in a, out UInt256 r);
            Check(Wrap(Big(a) * Big(a)), r, "Square", a);
        }
    }

    [Fact]
    public void DivideModDivModMatchReference()
    {
        var rng = new Random(1006);
        for (int i = 0; i < 3 * N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng);
            if (i % 3 == 0)
            {
                // Divisors just below the dividend exercise quotients of 1 and 2 and multi-limb remainders.
                b = FromBig(Big(a) / (rng.Next(1, 4)) - rng.Next(0, 2));
            }

            BigInteger x = Big(a), y = Big(b);
            BigInteger q = y.IsZero ? 0 : x / y;
            BigInteger rem = y.IsZero ? 0 : x % y;
            UInt256.Divide(in a, in b, out UInt256 rq);
            Check(q, rq, "Divide", a, b);
            UInt256.Mod(in a, in b, out UInt256 rr);
            Check(rem, rr, "Mod", a, b);
            UInt256.DivMod(in a, in b, out UInt256 dq, out UInt256 dr);
            Check(q, dq, "DivMod.q", a, b);
            Check(rem, dr, "DivMod.r", a, b);
            Check(q, a / b, "op/", a, b);
            Check(rem, a % b, "op%", a, b);
        }
    }

    [Theory]
    [InlineData("0x4000000000000000000000000000000000000000000000000000000000000000", "0x80000000000000000000000000000000ffffffffffffffff")]
    [InlineData("0x7fffffffffffffff800000000000000000000000000000000000000000000000", "0x800000000000000000000000000000000000000000000001")]
    [InlineData("0xffffffffffffffffffffffffffffffff00000000000000000000000000000000", "0xffffffffffffffffffffffffffffffff00000000000000000000000000000001")]
    [InlineData("0xfffffffffffffffe0000000000000000ffffffffffffffff0000000000000000", "0xffffffffffffffff0000000000000000ffffffffffffffff")]
    [InlineData("0x8000000000000000000000000000000000000000000000000000000000000000", "0x80000000000000000000000000000001")]
    public void DivisionCornerCasesNeedingCorrection(string dividend, string divisor)
    {
        // Limb shapes where a quotient-digit estimate can overshoot (the first one does), forcing the add-back step.
        UInt256 a = UInt256.Parse(dividend), b = UInt256.Parse(divisor);
        UInt256.DivMod(in a, in b, out UInt256 q, out UInt256 r);
        Check(Big(a) / Big(b), q, "DivMod.q", a, b);
        Check(Big(a) % Big(b), r, "DivMod.r", a, b);
    }

    [Fact]
    public void DivisionByZeroGivesZero()
    {
        var rng = new Random(1007);
        for (int i = 0; i < 200; i++)
        {
            UInt256 a = Next(rng);
            UInt256.Divide(in a, in UInt256.Zero, out UInt256 q);
            UInt256.Mod(in a, in UInt256.Zero, out UInt256 r);
            UInt256.DivMod(in a, in UInt256.Zero, out UInt256 dq, out UInt256 dr);
            Assert.True(q.IsZero && r.IsZero && dq.IsZero && dr.IsZero);
        }
    }

    [Fact]
    public void AddModMatchesReference()
    {
        var rng = new Random(1008);
        for (int i = 0; i < 2 * N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng), m = Next(rng);
            BigInteger expected = m.IsZero ? 0 : (Big(a) + Big(b)) % Big(m);
            UInt256.AddMod(in a, in b, in m, out UInt256 r);
            Check(expected, r, "AddMod", a, b, m);
        }
    }

    [Fact]
    public void MultiplyModMatchesReference()
    {
        var rng = new Random(1009);
        for (int i = 0; i < 2 * N; i++)
        {
            UInt256 a = Next(rng), b = Next(rng), m = Next(rng);
            BigInteger expected = m.IsZero ? 0 : Big(a) * Big(b) % Big(m);
            UInt256.MultiplyMod(in a, in b, in m, out UInt256 r);
            Check(expected, r, "MultiplyMod", a, b, m);
        }
    }

    [Fact]
    public void ModularOpsAtTheTopOfTheRange()
    {
        UInt256 max = UInt256.MaxValue;
        UInt256 m = new(ulong.MaxValue - 1, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
        UInt256.AddMod(in max, in max, in m, out UInt256 r1);
        Check((Big(max) * 2) % Big(m), r1, "AddMod", max, max, m);
        UInt256.MultiplyMod(in max, in max, in m, out UInt256 r2);
        Check(Big(max) * Big(max) % Big(m), r2, "MultiplyMod", max, max, m);
        UInt256.MultiplyMod(in max, in max, in UInt256.Zero, out UInt256 r3);
        Assert.True(r3.IsZero);
        UInt256.AddMod(in max, in max, in UInt256.Zero, out UInt256 r4);
        Assert.True(r4.IsZero);
        UInt256.AddMod(in max, in UInt256.One, in max, out UInt256 r5);
        Check(1, r5, "AddMod", max, UInt256.One, max);
    }

    [Fact]
    public void ExpMatchesReference()
    {
        var rng = new Random(1010);
        for (int i = 0; i < 1500; i++)
        {
            UInt256 b = Next(rng), e = Next(rng);
            if (i % 4 == 0) e = new UInt256((ulong)rng.Next(0, 600));
            if (i % 5 == 0) b = new UInt256((ulong)rng.Next(0, 20));
            UInt256.Exp(in b, in e, out UInt256 r);
            Check(BigInteger.ModPow(Big(b), Big(e), TwoTo256), r, "Exp", b, e);
        }
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(0UL, 1UL)]
    [InlineData(1UL, 0UL)]
    [InlineData(1UL, 1000UL)]
    [InlineData(2UL, 255UL)]
    [InlineData(2UL, 256UL)]
    [InlineData(4UL, 127UL)]
    [InlineData(4UL, 128UL)]
    [InlineData(6UL, 255UL)]
    [InlineData(6UL, 256UL)]
    [InlineData(3UL, 161UL)]
    [InlineData(ulong.MaxValue, 7UL)]
    public void ExpShortcuts(ulong b, ulong e)
    {
        UInt256 x = b, y = e;
        UInt256.Exp(in x, in y, out UInt256 r);
        Check(BigInteger.ModPow(b, e, TwoTo256), r, "Exp", x, y);
    }

    [Fact]
    public void ExpWithHugeExponent()
    {
        UInt256 e = UInt256.MaxValue;
        foreach (ulong b in new ulong[] { 0, 1, 2, 3, 7, 256, ulong.MaxValue })
        {
            UInt256 x = b;
            UInt256.Exp(in x, in e, out UInt256 r);
            Check(BigInteger.ModPow(b, Big(e), TwoTo256), r, "Exp", x, e);
        }

        UInt256 big = new(3, 5, 7, 11);
        UInt256.Exp(in big, in e, out UInt256 r2);
        Check(BigInteger.ModPow(Big(big), Big(e), TwoTo256), r2, "Exp", big, e);
    }
}
