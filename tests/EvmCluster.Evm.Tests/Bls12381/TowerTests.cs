using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

public class TowerTests
{
    private static readonly BigInteger P = Fp.Modulus;

    [Fact]
    public void Fp6RingLawsAndInverse()
    {
        var rng = new TestRandom(20);
        for (int i = 0; i < 20; i++)
        {
            Fp6 a = rng.NextFp6(), b = rng.NextFp6(), c = rng.NextFp6();
            Assert.Equal(a * b, b * a);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal(Fp6.One, a * Fp6.Inverse(a));
            // v³ = ξ
            var v = new Fp6(Fp2.Zero, Fp2.One, Fp2.Zero);
            Assert.Equal(a * v, Fp6.MulByV(a));
            Assert.Equal(new Fp6(new Fp2(Fp.One, Fp.One), Fp2.Zero, Fp2.Zero), v * v * v);
            Fp2 b0 = rng.NextFp2(), b1 = rng.NextFp2();
            Assert.Equal(a * new Fp6(b0, b1, Fp2.Zero), Fp6.MulBy01(a, b0, b1));
            Assert.Equal(a * new Fp6(Fp2.Zero, new Fp2(b1.C0, Fp.Zero), Fp2.Zero), Fp6.MulBy1(a, b1.C0));
        }
    }

    [Fact]
    public void Fp12RingLawsInverseAndSparseProduct()
    {
        var rng = new TestRandom(21);
        for (int i = 0; i < 10; i++)
        {
            Fp12 a = rng.NextFp12(), b = rng.NextFp12(), c = rng.NextFp12();
            Assert.Equal(a * b, b * a);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * a, Fp12.Square(a));
            Assert.Equal(Fp12.One, a * Fp12.Inverse(a));
            Fp2 x0 = rng.NextFp2(), x2 = rng.NextFp2();
            Fp x3 = rng.NextFp();
            var line = new Fp12(new Fp6(x0, x2, Fp2.Zero), new Fp6(Fp2.Zero, new Fp2(x3, Fp.Zero), Fp2.Zero));
            Assert.Equal(a * line, Fp12.MulByLine(a, x0, x2, x3));
        }
    }

    [Fact]
    public void FrobeniusIsThePthPower()
    {
        var rng = new TestRandom(22);
        for (int i = 0; i < 3; i++)
        {
            Fp12 a = rng.NextFp12();
            Fp12 ap = TestMath.Pow(a, P);
            Assert.Equal(ap, Fp12.Frobenius(a));
            Assert.Equal(TestMath.Pow(ap, P), Fp12.Frobenius2(a));
            Assert.Equal(Fp12.Frobenius(Fp12.Frobenius(a)), Fp12.Frobenius2(a));
            // p⁶ is conjugation
            Fp12 a6 = a;
            for (int k = 0; k < 3; k++) a6 = Fp12.Frobenius2(a6);
            Assert.Equal(Fp12.Conjugate(a), a6);
        }
    }

    [Fact]
    public void CyclotomicSquareMatchesSquareInTheCyclotomicSubgroup()
    {
        var rng = new TestRandom(23);
        for (int i = 0; i < 10; i++)
        {
            Fp12 f = rng.NextFp12();
            Fp12 t = Fp12.Conjugate(f) * Fp12.Inverse(f);
            t = Fp12.Frobenius2(t) * t;
            Assert.Equal(Fp12.Square(t), Fp12.CyclotomicSquare(t));
            Assert.Equal(Fp12.One, t * Fp12.Conjugate(t));
        }
    }

    [Fact]
    public void HardPartDecompositionHolds()
    {
        BigInteger x = -(BigInteger)Pairing.LoopParameter;
        BigInteger r = Scalar.Order;
        Assert.Equal(r, BigInteger.Pow(x, 4) - x * x + 1);
        Assert.Equal(P, BigInteger.Pow(x - 1, 2) * r / 3 + x);
        BigInteger hard = BigInteger.Pow(P, 4) - P * P + 1;
        Assert.True((hard % r).IsZero);
        Assert.Equal(3 * (hard / r), BigInteger.Pow(x - 1, 2) * (x + P) * (x * x + P * P - 1) + 3);
    }

    [Fact]
    public void FinalExponentiationIsThePowerThreeTimesP12Minus1OverR()
    {
        var rng = new TestRandom(24);
        BigInteger e = 3 * ((BigInteger.Pow(P, 12) - 1) / Scalar.Order);
        for (int i = 0; i < 2; i++)
        {
            Fp12 f = rng.NextFp12();
            Assert.Equal(TestMath.Pow(f, e), Pairing.FinalExponentiation(f));
        }
    }
}
