using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

public class G1ArithmeticTests
{
    private static readonly BigInteger R = Scalar.Order;
    private static readonly BigInteger XSquared = (BigInteger)0xd201000000010000 * 0xd201000000010000;

    private static bool InSubgroupByOrder(in AffinePoint<Fp> p) => TestMath.Mul(p, R).IsInfinity;

    /// <summary>Points of E(Fp) that are generally not in G1: the first square x³ + 4 at or above a random x.</summary>
    private static AffinePoint<Fp> RandomCurvePoint(TestRandom rng)
    {
        Fp x = rng.NextFp();
        while (true)
        {
            if (Fp.TrySqrt(x * x * x + G1.B, out Fp y)) return new AffinePoint<Fp>(x, y);
            x += Fp.One;
        }
    }

    [Fact]
    public void BetaIsACubeRootOfUnityActingAsMinusXSquared()
    {
        Fp beta = G1Endomorphism.Beta;
        Assert.False(beta.IsOne);
        Assert.True((beta * beta * beta).IsOne);
        var phiG = new AffinePoint<Fp>(G1.Generator.X * beta, G1.Generator.Y);
        Assert.Equal(TestMath.Mul(G1.Generator, R - XSquared % R).ToAffine(), phiG);
    }

    [Fact]
    public void EndomorphismSubgroupTestAgreesWithMultiplicationByR()
    {
        var rng = new TestRandom(50);
        int outside = 0;
        for (int i = 0; i < 12; i++)
        {
            AffinePoint<Fp> p = RandomCurvePoint(rng);
            AffinePoint<Fp> torsion = TestMath.Mul(p, R).ToAffine();                 // order divides the cofactor
            AffinePoint<Fp> g = G1.Multiply(G1.Generator, rng.NextScalar()).ToAffine();
            AffinePoint<Fp> mixed = JacobianPoint<Fp>.Add(g.ToJacobian(), torsion).ToAffine();
            AffinePoint<Fp> cleared = TestMath.Mul(p, (BigInteger)0xd201000000010001).ToAffine(); // [1 - x]P: the cofactor-clearing map
            foreach (var point in new[] { p, torsion, g, mixed, cleared })
            {
                Assert.True(point.IsOnCurve(G1.B));
                bool expected = InSubgroupByOrder(point);
                Assert.Equal(expected, G1.IsInSubgroup(point));
                if (!expected) outside++;
            }
        }
        Assert.True(outside >= 24, "the sample should contain many points outside G1");
    }

    [Fact]
    public void GlvMultiplicationMatchesPlainMultiplication()
    {
        var rng = new TestRandom(51);
        AffinePoint<Fp> p = G1.Multiply(G1.Generator, rng.NextScalar()).ToAffine();
        var scalars = new List<BigInteger> { 0, 1, 2, 15, 16, R - 1, R - 2, XSquared, XSquared - 1, XSquared + 1, BigInteger.One << 128, (BigInteger.One << 254) + 3 };
        for (int i = 0; i < 20; i++) scalars.Add(rng.Below(R));
        foreach (var k in scalars)
        {
            var expected = TestMath.Mul(p, k).ToAffine();
            Assert.Equal(expected, G1.Multiply(p, Scalar.FromBigInteger(k)).ToAffine());
            Assert.Equal(TestMath.Mul(G1.Generator, k).ToAffine(), G1.MultiplyGenerator(Scalar.FromBigInteger(k)).ToAffine());
        }
        Assert.True(G1.Multiply(AffinePoint<Fp>.Infinity, Scalar.FromBigInteger(5)).IsInfinity);
    }

    [Fact]
    public void BatchToAffineMatchesOneByOne()
    {
        var rng = new TestRandom(52);
        var points = new JacobianPoint<Fp>[7];
        for (int i = 0; i < points.Length; i++)
            points[i] = i == 3 ? JacobianPoint<Fp>.Infinity : TestMath.Mul(G1.Generator, rng.Below(R));
        var affine = new AffinePoint<Fp>[points.Length];
        JacobianPoint<Fp>.BatchToAffine(points, affine);
        for (int i = 0; i < points.Length; i++) Assert.Equal(points[i].ToAffine(), affine[i]);
    }
}
