using System.Numerics;
using EvmCluster.Evm.Crypto.Bn254;
using static EvmCluster.Evm.Tests.Bn254.Bn254Reference;

namespace EvmCluster.Evm.Tests.Bn254;

public class Bn254CurveTests
{
    // Affine G1 addition in BigInteger, the textbook chord-and-tangent rule; null is infinity.
    private static (BigInteger X, BigInteger Y)? RefAdd((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is not { } p) return b;
        if (b is not { } q) return a;
        BigInteger lambda;
        if (p.X == q.X)
        {
            if (Mod(p.Y + q.Y).IsZero) return null;
            lambda = Mod(3 * p.X * p.X * BigInteger.ModPow(2 * p.Y, P - 2, P));
        }
        else lambda = Mod((q.Y - p.Y) * BigInteger.ModPow(Mod(q.X - p.X), P - 2, P));
        BigInteger x = Mod(lambda * lambda - p.X - q.X);
        return (x, Mod(lambda * (p.X - x) - p.Y));
    }

    private static (BigInteger X, BigInteger Y)? RefMul((BigInteger X, BigInteger Y)? p, BigInteger k)
    {
        (BigInteger X, BigInteger Y)? acc = null;
        for (; !k.IsZero; k >>= 1)
        {
            if (!k.IsEven) acc = RefAdd(acc, p);
            p = RefAdd(p, p);
        }
        return acc;
    }

    private static (BigInteger, BigInteger) Big(in G1Point p) => (ToBig(p.X), ToBig(p.Y));

    [Fact]
    public void G1_scalar_multiplication_matches_reference_double_and_add()
    {
        var rng = new Random(11);
        G1Point g = G1Point.Generator;
        BigInteger[] scalars =
        [
            0, 1, 2, 3, 15, 16, 17, 31, 32, R - 1, R, R + 1, 2 * R,
            (BigInteger.One << 256) - 1, RandomBelow(rng, BigInteger.One << 256), RandomBelow(rng, R), RandomBelow(rng, 1 << 20),
        ];
        foreach (BigInteger k in scalars)
        {
            G1Point actual = G1Mul(g, k);
            var expected = RefMul(Big(g), k % R);
            if (expected is { } e) Assert.Equal(e, Big(actual));
            else Assert.True(actual.IsInfinity, $"k = {k}");
            Assert.True(actual.IsOnCurve);
        }
    }

    [Fact]
    public void G1_addition_handles_equal_opposite_and_infinite_points()
    {
        G1Point g = G1Point.Generator;
        G1Point twoG = G1Mul(g, 2);
        Assert.Equal(Big(twoG), Big(G1Point.Add(g, g)));
        Assert.True(G1Point.Add(g, G1Point.Negate(g)).IsInfinity);
        Assert.Equal(Big(g), Big(G1Point.Add(g, G1Point.Infinity)));
        Assert.Equal(Big(g), Big(G1Point.Add(G1Point.Infinity, g)));
        Assert.True(G1Point.Add(G1Point.Infinity, G1Point.Infinity).IsInfinity);
        Assert.Equal(RefAdd(Big(twoG), Big(g)), Big(G1Point.Add(twoG, g)));
    }

    [Fact]
    public void G1_scalar_multiplication_distributes_over_scalar_addition()
    {
        var rng = new Random(12);
        for (int i = 0; i < 10; i++)
        {
            BigInteger a = RandomBelow(rng, R), b = RandomBelow(rng, R);
            G1Point p = G1Mul(G1Point.Generator, RandomBelow(rng, R));
            G1Point sum = G1Point.Add(G1Mul(p, a), G1Mul(p, b));
            Assert.Equal(Big(G1Mul(p, a + b)), Big(sum));
        }
    }

    [Fact]
    public void G2_generator_is_on_the_twist_and_has_order_r()
    {
        G2Point g = G2Point.Generator;
        Assert.True(g.IsOnCurve);
        Assert.True(g.IsInSubgroupByOrder());
        Assert.True(g.IsInSubgroup());
        Assert.True(G2Mul(g, R).IsInfinity);
        Assert.False(G2Mul(g, R - 1).IsInfinity);
    }

    [Fact]
    public void G2_group_law_is_consistent()
    {
        var rng = new Random(13);
        G2Point g = G2Point.Generator;
        for (int i = 0; i < 5; i++)
        {
            BigInteger a = RandomBelow(rng, R), b = RandomBelow(rng, R);
            G2Point sum = G2Point.Add(G2Mul(g, a), G2Mul(g, b));
            G2Point direct = G2Mul(g, (a + b) % R);
            Assert.Equal(direct.X, sum.X);
            Assert.Equal(direct.Y, sum.Y);
            Assert.True(sum.IsOnCurve);
        }
        Assert.True(G2Point.Add(g, G2Point.Negate(g)).IsInfinity);
        G2Point twice = G2Point.Add(g, g);
        Assert.Equal(G2Mul(g, 2).X, twice.X);
    }

    [Fact]
    public void G2_fast_subgroup_test_agrees_with_multiplying_by_r()
    {
        var rng = new Random(14);
        for (int i = 0; i < 8; i++)
        {
            G2Point member = G2Mul(G2Point.Generator, RandomBelow(rng, R - 1) + 1);
            Assert.True(member.IsInSubgroupByOrder());
            Assert.True(member.IsInSubgroup());

            G2Point outsider = RandomTwistPoint(rng);
            Assert.True(outsider.IsOnCurve);
            Assert.False(outsider.IsInSubgroupByOrder());
            Assert.False(outsider.IsInSubgroup());

            // Cofactor multiples of a random twist point land in G2: h = #E'/r = 2p - r.
            G2Point cleared = G2Mul(outsider, 2 * P - R);
            Assert.Equal(cleared.IsInSubgroupByOrder(), cleared.IsInSubgroup());
            Assert.True(cleared.IsInSubgroup());
        }
    }

    [Fact]
    public void Psi_acts_as_multiplication_by_p_on_G2()
    {
        G2Point q = G2Mul(G2Point.Generator, 123456789);
        G2Point.Psi(q.ToJacobian(), out JacobianPoint<Fp2> psi);
        G2Point viaPsi = G2Point.FromJacobian(psi);
        G2Point viaMul = G2Mul(q, P % R);
        Assert.Equal(viaMul.X, viaPsi.X);
        Assert.Equal(viaMul.Y, viaPsi.Y);
    }

    [Fact]
    public void Width5_naf_recodes_the_scalar()
    {
        var rng = new Random(15);
        Span<sbyte> digits = stackalloc sbyte[4 * 64 + 1];
        for (int i = 0; i < 50; i++)
        {
            BigInteger k = i == 0 ? (BigInteger.One << 256) - 1 : RandomBelow(rng, BigInteger.One << 256);
            int length = ScalarRecoding.Wnaf(ToLimbs(k), 5, digits);
            BigInteger sum = 0;
            for (int j = length - 1; j >= 0; j--)
            {
                sum = 2 * sum + digits[j];
                Assert.True(digits[j] == 0 || ((digits[j] & 1) == 1 && Math.Abs(digits[j]) < 16));
            }
            Assert.Equal(k, sum);
        }
    }
}
