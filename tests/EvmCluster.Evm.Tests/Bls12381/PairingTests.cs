using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

public class PairingTests
{
    private static readonly BigInteger R = Scalar.Order;

    [Fact]
    public void PairingIsBilinear()
    {
        var rng = new TestRandom(40);
        AffinePoint<Fp> p = G1.Generator;
        AffinePoint<Fp2> q = G2.Generator;
        Fp12 e = Pairing.Pair(p, q);
        for (int i = 0; i < 3; i++)
        {
            BigInteger a = rng.Below(R), b = rng.Below(R);
            Fp12 left = Pairing.Pair(TestMath.Mul(p, a).ToAffine(), q);
            Fp12 right = Pairing.Pair(p, TestMath.Mul(q, a).ToAffine());
            Assert.Equal(left, right);
            Assert.Equal(TestMath.Pow(e, a), left);
            Assert.Equal(
                Pairing.Pair(TestMath.Mul(p, a * b % R).ToAffine(), q),
                Pairing.Pair(TestMath.Mul(p, a).ToAffine(), TestMath.Mul(q, b).ToAffine()));
        }
    }

    [Fact]
    public void PairingIsNonDegenerateAndLandsInGT()
    {
        Fp12 e = Pairing.Pair(G1.Generator, G2.Generator);
        Assert.False(e.IsOne);
        Assert.True(TestMath.Pow(e, R).IsOne);
        Assert.NotEqual(e, Pairing.Pair(G1.Generator, Kzg.TauG2));
    }

    [Fact]
    public void PairingWithInfinityIsOne()
    {
        Assert.True(Pairing.Pair(AffinePoint<Fp>.Infinity, G2.Generator).IsOne);
        Assert.True(Pairing.Pair(G1.Generator, AffinePoint<Fp2>.Infinity).IsOne);
    }

    [Fact]
    public void ProductCheckAcceptsOnlyBalancedProducts()
    {
        var rng = new TestRandom(41);
        BigInteger a = rng.Below(R);
        var qa = new G2Prepared(TestMath.Mul(G2.Generator, a).ToAffine());
        var q = new G2Prepared(G2.Generator);
        AffinePoint<Fp> pa = TestMath.Mul(G1.Generator, a).ToAffine();
        // e(aP, Q)·e(-P, aQ) = 1
        Assert.True(Pairing.PairingProductIsOne([pa, G1.Generator.Negate()], [q, qa]));
        Assert.False(Pairing.PairingProductIsOne([pa, G1.Generator], [q, qa]));
        AffinePoint<Fp> pa1 = TestMath.Mul(G1.Generator, a + 1).ToAffine();
        Assert.False(Pairing.PairingProductIsOne([pa1, G1.Generator.Negate()], [q, qa]));
        Assert.True(Pairing.PairingProductIsOne(ReadOnlySpan<AffinePoint<Fp>>.Empty, []));
    }

    [Fact]
    public void JacobianMillerLoopAgreesWithAffine()
    {
        var rng = new TestRandom(43);
        var q = new G2Prepared(TestMath.Mul(G2.Generator, rng.Below(R)).ToAffine());
        // Points straight out of scalar multiplication have Z ≠ 1.
        JacobianPoint<Fp> p = TestMath.Mul(G1.Generator, rng.Below(R));
        Assert.False(p.Z.IsOne);
        Fp12 fromJacobian = Pairing.FinalExponentiation(Pairing.MillerLoop([p], [q]));
        Fp12 fromAffine = Pairing.FinalExponentiation(Pairing.MillerLoop([p.ToAffine()], [q]));
        Assert.Equal(fromAffine, fromJacobian);
        Assert.True(Pairing.PairingProductIsOne([p, p.Negate()], [q, q]));
        Assert.True(Pairing.PairingProductIsOne([JacobianPoint<Fp>.Infinity], [q]));
    }

    [Fact]
    public void KzgIdentityHoldsForAKnownTau()
    {
        // With [τ]G2 replaced by [s]G2 for a known s, the opening of f(X) = 3X + 5 at z must verify.
        var rng = new TestRandom(42);
        BigInteger s = rng.Below(R), z = rng.Below(R);
        BigInteger fs = (3 * s + 5) % R, fz = (3 * z + 5) % R;
        AffinePoint<Fp> commitment = TestMath.Mul(G1.Generator, fs).ToAffine();
        AffinePoint<Fp> proof = TestMath.Mul(G1.Generator, 3).ToAffine();   // q(X) = 3
        AffinePoint<Fp2> sG2 = TestMath.Mul(G2.Generator, s).ToAffine();
        AffinePoint<Fp2> divisor = JacobianPoint<Fp2>.Add(sG2.ToJacobian(), TestMath.Mul(G2.Generator, R - z)).ToAffine();
        AffinePoint<Fp> left = JacobianPoint<Fp>.Add(commitment.ToJacobian(), TestMath.Mul(G1.Generator, R - fz)).ToAffine();
        Assert.Equal(Pairing.Pair(left, G2.Generator), Pairing.Pair(proof, divisor));
    }
}
