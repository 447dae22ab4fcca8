using System.Numerics;
using EvmCluster.Evm.Crypto.Bn254;
using static EvmCluster.Evm.Tests.Bn254.Bn254Reference;

namespace EvmCluster.Evm.Tests.Bn254;

public class Bn254PairingTests
{
    private static readonly G1Point P1 = G1Point.Generator;
    private static readonly G2Point Q1 = G2Point.Generator;

    [Fact]
    public void Pairing_is_bilinear()
    {
        var rng = new Random(21);
        Fp12 e = Pairing.Compute(P1, Q1);
        for (int i = 0; i < 3; i++)
        {
            BigInteger a = RandomBelow(rng, R), b = RandomBelow(rng, R);
            Fp12 lhs = Pairing.Compute(G1Mul(P1, a), G2Mul(Q1, b));
            Fp12 rhs = Fp12Pow(e, a * b % R);
            Assert.Equal(rhs, lhs);
        }
    }

    [Fact]
    public void Scalars_move_between_the_arguments()
    {
        BigInteger k = BigInteger.Parse("987654321987654321987654321");
        Assert.Equal(Pairing.Compute(G1Mul(P1, k), Q1), Pairing.Compute(P1, G2Mul(Q1, k)));
    }

    [Fact]
    public void Pairing_is_non_degenerate_with_order_r()
    {
        Fp12 e = Pairing.Compute(P1, Q1);
        Assert.False(e.IsOne);
        Assert.True(Fp12Pow(e, R).IsOne);
        // The reference polynomial field agrees that e^r = 1, independently of the tower code.
        Assert.True(IsFp12One(Bn254Reference.Fp12Pow(Flatten(e), R)));
    }

    [Fact]
    public void Multi_pairing_is_the_product_of_single_pairings()
    {
        var rng = new Random(22);
        G1Point[] ps = [G1Mul(P1, RandomBelow(rng, R)), G1Mul(P1, RandomBelow(rng, R)), G1Mul(P1, RandomBelow(rng, R))];
        G2Point[] qs = [G2Mul(Q1, RandomBelow(rng, R)), G2Mul(Q1, RandomBelow(rng, R)), G2Mul(Q1, RandomBelow(rng, R))];
        Fp12 product = Fp12.One;
        for (int i = 0; i < 3; i++)
        {
            Fp12 single = Pairing.Compute(ps[i], qs[i]);
            Fp12.Mul(in product, in single, out product);
        }
        Pairing.MillerLoop(ps, qs, out Fp12 f);
        Pairing.FinalExponentiation(in f, out f);
        Assert.Equal(product, f);
    }

    [Fact]
    public void Check_accepts_cancelling_pairs_and_rejects_others()
    {
        var rng = new Random(23);
        BigInteger a = RandomBelow(rng, R), b = RandomBelow(rng, R);
        G1Point aP = G1Mul(P1, a);
        G2Point bQ = G2Mul(Q1, b);
        // e(aP, bQ) · e(-abP, Q) = 1
        G1Point negAbP = G1Point.Negate(G1Mul(P1, a * b % R));
        Assert.True(Pairing.Check([aP, negAbP], [bQ, Q1]));
        Assert.False(Pairing.Check([aP, G1Mul(P1, a * b % R)], [bQ, Q1]));
        Assert.False(Pairing.Check([aP], [bQ]));
    }

    [Fact]
    public void Points_at_infinity_contribute_the_identity()
    {
        Assert.True(Pairing.Compute(G1Point.Infinity, Q1).IsOne);
        Assert.True(Pairing.Compute(P1, G2Point.Infinity).IsOne);
        Assert.True(Pairing.Check([], []));
        Assert.True(Pairing.Check([G1Point.Infinity], [Q1]));
        Assert.True(Pairing.Check([P1, G1Point.Infinity], [G2Point.Infinity, Q1]));
        Assert.False(Pairing.Check([P1, G1Point.Infinity], [Q1, Q1]));
        // e(P, Q) · e(O, Q) · e(-P, Q) = 1
        Assert.True(Pairing.Check([P1, G1Point.Infinity, G1Point.Negate(P1)], [Q1, Q1, Q1]));
    }
}
