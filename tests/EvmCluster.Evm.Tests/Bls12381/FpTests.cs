using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

public class FpTests
{
    private static readonly BigInteger P = Fp.Modulus;

    private static IEnumerable<BigInteger> Samples(int seed, int count)
    {
        BigInteger[] edges = [0, 1, 2, P - 1, P - 2, (P - 1) / 2, (P + 1) / 2, BigInteger.One << 64, (BigInteger.One << 380) + 12345];
        foreach (var e in edges) yield return e;
        var rng = new TestRandom(seed);
        for (int i = 0; i < count; i++) yield return rng.Below(P);
    }

    [Fact]
    public void ModulusIsTheBls12381Prime()
    {
        Assert.Equal(Limbs.ParseHex("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"), P);
        Assert.Equal(381, (int)P.GetBitLength());
    }

    [Fact]
    public void AddSubNegMatchBigInteger()
    {
        var xs = Samples(1, 100).ToArray();
        var ys = Samples(2, 100).Reverse().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Fp a = Fp.FromBigInteger(xs[i]), b = Fp.FromBigInteger(ys[i]);
            Assert.Equal((xs[i] + ys[i]) % P, (a + b).ToBigInteger());
            Assert.Equal(((xs[i] - ys[i]) % P + P) % P, (a - b).ToBigInteger());
            Assert.Equal((P - xs[i]) % P, (-a).ToBigInteger());
            Assert.Equal(2 * xs[i] % P, Fp.Double(a).ToBigInteger());
        }
    }

    [Fact]
    public void MulAndSquareMatchBigInteger()
    {
        var xs = Samples(3, 300).ToArray();
        var ys = Samples(4, 300).Reverse().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Fp a = Fp.FromBigInteger(xs[i]), b = Fp.FromBigInteger(ys[i]);
            Assert.Equal(xs[i] * ys[i] % P, (a * b).ToBigInteger());
            Assert.Equal(xs[i] * xs[i] % P, Fp.Square(a).ToBigInteger());
        }
    }

    [Fact]
    public void InverseMatchesBigInteger()
    {
        foreach (var x in Samples(5, 50))
        {
            Fp inv = Fp.Inverse(Fp.FromBigInteger(x));
            if (x.IsZero) Assert.True(inv.IsZero);
            else Assert.Equal(BigInteger.ModPow(x, P - 2, P), inv.ToBigInteger());
            if (!x.IsZero) Assert.True((Fp.FromBigInteger(x) * inv).IsOne);
        }
    }

    [Fact]
    public void SqrtFindsRootsOfSquaresAndRejectsNonSquares()
    {
        foreach (var x in Samples(6, 50))
        {
            Fp a = Fp.FromBigInteger(x);
            Assert.True(Fp.TrySqrt(Fp.Square(a), out Fp root));
            Assert.True(root == a || root == -a);
            // p ≡ 3 (mod 4): -1 is not a square, so -a² has no root unless a = 0.
            Assert.Equal(x.IsZero, Fp.TrySqrt(-Fp.Square(a), out _));
            bool isQr = x.IsZero || BigInteger.ModPow(x, (P - 1) / 2, P).IsOne;
            Assert.Equal(isQr, Fp.TrySqrt(a, out _));
        }
    }

    [Fact]
    public void BigEndianRoundTripAndRangeCheck()
    {
        Span<byte> buf = stackalloc byte[48];
        foreach (var x in Samples(7, 30))
        {
            Fp a = Fp.FromBigInteger(x);
            a.WriteBigEndian(buf);
            Assert.Equal(x, new BigInteger(buf, isUnsigned: true, isBigEndian: true));
            Assert.True(Fp.TryFromBigEndian(buf, out Fp back));
            Assert.Equal(a, back);
        }
        foreach (var bad in new[] { P, P + 1, (BigInteger.One << 384) - 1 })
        {
            bad.TryWriteBytes(buf, out _, isUnsigned: true, isBigEndian: true);
            Assert.False(Fp.TryFromBigEndian(buf, out _));
        }
    }

    [Fact]
    public void LexicographicSignIsUpperHalf()
    {
        foreach (var x in Samples(8, 50))
            Assert.Equal(x > (P - 1) / 2, Fp.FromBigInteger(x).IsLexicographicallyLargest());
    }

    [Fact]
    public void Fp2MulSquareInverseMatchBigInteger()
    {
        var rng = new TestRandom(9);
        for (int i = 0; i < 100; i++)
        {
            BigInteger a0 = rng.Below(P), a1 = rng.Below(P), b0 = rng.Below(P), b1 = rng.Below(P);
            var a = new Fp2(Fp.FromBigInteger(a0), Fp.FromBigInteger(a1));
            var b = new Fp2(Fp.FromBigInteger(b0), Fp.FromBigInteger(b1));
            // u² = -1
            Fp2 prod = a * b;
            Assert.Equal(((a0 * b0 - a1 * b1) % P + P) % P, prod.C0.ToBigInteger());
            Assert.Equal((a0 * b1 + a1 * b0) % P, prod.C1.ToBigInteger());
            Assert.Equal(a * a, Fp2.Square(a));
            // ξ = 1 + u
            Fp2 xi = Fp2.MulByNonResidue(a);
            Assert.Equal(((a0 - a1) % P + P) % P, xi.C0.ToBigInteger());
            Assert.Equal((a0 + a1) % P, xi.C1.ToBigInteger());
            Assert.Equal(Fp2.One, a * Fp2.Inverse(a));
            Assert.Equal(a + b - b, a);
            Assert.Equal(Fp2.Zero, a + -a);
        }
    }

    private static Fp Raw(BigInteger v)
    {
        var l = new ulong[6];
        Limbs.FromBigInteger(v, l);
        return new Fp(l[0], l[1], l[2], l[3], l[4], l[5]);
    }

    private static BigInteger RawValue(Fp a) => Limbs.ToBigInteger([a.L0, a.L1, a.L2, a.L3, a.L4, a.L5]);

    private static FpWide Wide(BigInteger v)
    {
        var l = new ulong[12];
        Limbs.FromBigInteger(v, l);
        return new FpWide(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11]);
    }

    private static BigInteger WideValue(FpWide w) =>
        Limbs.ToBigInteger([w.L0, w.L1, w.L2, w.L3, w.L4, w.L5, w.L6, w.L7, w.L8, w.L9, w.L10, w.L11]);

    [Fact]
    public void WideArithmeticMatchesBigInteger()
    {
        BigInteger rInverse = BigInteger.ModPow(BigInteger.One << 384, P - 2, P);
        Assert.Equal(2 * P * P, WideValue(Fp.TwoModulusSquared));
        // The largest input a reduction accepts.
        Assert.Equal(((P << 384) - 1) * rInverse % P, RawValue(Fp.Reduce(Wide((P << 384) - 1))));
        var xs = Samples(11, 100).ToArray();
        var ys = Samples(12, 100).Reverse().ToArray();
        var rng = new TestRandom(13);
        for (int i = 0; i < xs.Length; i++)
        {
            BigInteger x = xs[i], y = ys[i];
            Assert.Equal(x * y, WideValue(Fp.MulWide(Raw(x), Raw(y))));
            Assert.Equal(x * x, WideValue(Fp.SquareWide(Raw(x))));
            // Sums below 2p are valid product inputs.
            Assert.Equal(x + y, RawValue(Fp.AddUnreduced(Raw(x), Raw(y))));
            Assert.Equal((x + y) * (x + y), WideValue(Fp.MulWide(Fp.AddUnreduced(Raw(x), Raw(y)), Fp.AddUnreduced(Raw(x), Raw(y)))));
            // Reduction accepts anything below 2p² and returns t/2^384 mod p, fully reduced.
            foreach (BigInteger t in new[] { rng.Below(2 * P * P), 2 * P * P - 1, x * y, BigInteger.Zero })
                Assert.Equal(t * rInverse % P, RawValue(Fp.Reduce(Wide(t))));
            BigInteger diff = x * y - y * y;
            Assert.Equal(diff < 0 ? diff + P * P : diff, WideValue(Fp.SubWideModP2(Wide(x * y), Wide(y * y))));
            if (diff >= 0) Assert.Equal(diff, WideValue(Fp.SubWide(Wide(x * y), Wide(y * y))));
            Assert.Equal(x * y + y * y, WideValue(Fp.AddWide(Wide(x * y), Wide(y * y))));
            Assert.Equal(2 * x * y, WideValue(Fp.DoubleWide(Wide(x * y))));
        }
    }
}
