using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

public class CurveTests
{
    private const string G1GeneratorCompressed = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";

    private static readonly BigInteger R = Scalar.Order;

    private static byte[] Compress(in AffinePoint<Fp> p)
    {
        var buf = new byte[G1.CompressedLength];
        G1.Compress(p, buf);
        return buf;
    }

    [Fact]
    public void G1GeneratorIsOnCurveAndInSubgroup()
    {
        Assert.True(G1.Generator.IsOnCurve(G1.B));
        Assert.True(G1.IsInSubgroup(G1.Generator));
        Assert.True(TestMath.Mul(G1.Generator, R).IsInfinity);
        Assert.False(TestMath.Mul(G1.Generator, R - 1).IsInfinity);
    }

    [Fact]
    public void G1GeneratorEncodesAndDecodes()
    {
        Assert.Equal(G1GeneratorCompressed, Convert.ToHexStringLower(Compress(G1.Generator)));
        Assert.True(G1.TryDecompress(Convert.FromHexString(G1GeneratorCompressed), out var g));
        Assert.Equal(G1.Generator, g);
        // The negated generator differs only in the sign flag.
        Assert.Equal("b" + G1GeneratorCompressed[1..], Convert.ToHexStringLower(Compress(G1.Generator.Negate())));
        Assert.Equal("c0" + new string('0', 94), Convert.ToHexStringLower(Compress(AffinePoint<Fp>.Infinity)));
    }

    [Fact]
    public void G1RandomMultiplesRoundTripThroughCompression()
    {
        var rng = new TestRandom(30);
        for (int i = 0; i < 10; i++)
        {
            AffinePoint<Fp> p = G1.Multiply(G1.Generator, rng.NextScalar()).ToAffine();
            Assert.True(p.IsOnCurve(G1.B));
            Assert.True(G1.TryDecompress(Compress(p), out var back));
            Assert.Equal(p, back);
            Assert.True(G1.TryDecompress(Compress(p.Negate()), out var negBack));
            Assert.Equal(p.Negate(), negBack);
        }
    }

    [Fact]
    public void G1GroupLaw()
    {
        var rng = new TestRandom(31);
        for (int i = 0; i < 10; i++)
        {
            BigInteger a = rng.Below(R), b = rng.Below(R);
            var pa = TestMath.Mul(G1.Generator, a);
            var pb = TestMath.Mul(G1.Generator, b);
            var sum = TestMath.Mul(G1.Generator, (a + b) % R);
            Assert.True(JacobianPoint<Fp>.AreEqual(sum, JacobianPoint<Fp>.Add(pa, pb)));
            Assert.True(JacobianPoint<Fp>.AreEqual(sum, JacobianPoint<Fp>.Add(pa, pb.ToAffine())));
            Assert.True(JacobianPoint<Fp>.AreEqual(JacobianPoint<Fp>.Double(pa), JacobianPoint<Fp>.Add(pa, pa)));
            Assert.True(JacobianPoint<Fp>.AreEqual(JacobianPoint<Fp>.Double(pa), JacobianPoint<Fp>.Add(pa, pa.ToAffine())));
            Assert.True(JacobianPoint<Fp>.Add(pa, pa.Negate()).IsInfinity);
            Assert.True(JacobianPoint<Fp>.Add(pa, pa.ToAffine().Negate()).IsInfinity);
            Assert.True(pa.IsOnCurve(G1.B));
            Assert.Equal(TestMath.Mul(G1.Generator, a * b % R).ToAffine(), TestMath.Mul(pa.ToAffine(), b).ToAffine());
        }
    }

    [Fact]
    public void G1PointOnCurveOutsideSubgroupIsRejected()
    {
        Fp x = Fp.FromUInt64(4);
        Assert.True(Fp.TrySqrt(x * x * x + G1.B, out Fp y));
        var p = new AffinePoint<Fp>(x, y);
        Assert.True(p.IsOnCurve(G1.B));
        Assert.False(G1.IsInSubgroup(p));
        Assert.False(G1.TryDecompress(Compress(p), out _));
    }

    [Theory]
    [InlineData("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")] // compression flag clear
    [InlineData("9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")] // x = p
    [InlineData("9fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // x ≥ p
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")] // x = 1: not on the curve
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004")] // x = 4: on the curve, not in G1
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // x = 0 without the infinity flag
    [InlineData("e00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // infinity with the sign flag
    [InlineData("c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")] // infinity flag, x ≠ 0
    [InlineData("d00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // infinity flag, stray x bit
    [InlineData("400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // infinity, uncompressed flag
    [InlineData("8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6")] // 47 bytes
    [InlineData("97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb00")] // 49 bytes
    public void G1InvalidEncodingsAreRejected(string hex)
    {
        Assert.False(G1.TryDecompress(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void G1InfinityDecodes()
    {
        Assert.True(G1.TryDecompress(Convert.FromHexString("c0" + new string('0', 94)), out var p));
        Assert.True(p.IsInfinity);
    }

    [Fact]
    public void G2GeneratorAndTauAreValidAndEncodeAsTheCeremonyOutput()
    {
        var buf = new byte[G2.CompressedLength];
        Assert.True(G2.Generator.IsOnCurve(G2.B));
        Assert.True(G2.IsInSubgroup(G2.Generator));
        G2.Compress(G2.Generator, buf);
        Assert.Equal("93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
            Convert.ToHexStringLower(buf));

        Assert.True(Kzg.TauG2.IsOnCurve(G2.B));
        Assert.True(G2.IsInSubgroup(Kzg.TauG2));
        G2.Compress(Kzg.TauG2, buf);
        Assert.Equal("b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2",
            Convert.ToHexStringLower(buf));
    }

    [Fact]
    public void G2GroupLaw()
    {
        var rng = new TestRandom(32);
        for (int i = 0; i < 5; i++)
        {
            BigInteger a = rng.Below(R), b = rng.Below(R);
            var qa = TestMath.Mul(G2.Generator, a);
            var qb = TestMath.Mul(G2.Generator, b);
            Assert.True(JacobianPoint<Fp2>.AreEqual(TestMath.Mul(G2.Generator, (a + b) % R), JacobianPoint<Fp2>.Add(qa, qb)));
            Assert.True(JacobianPoint<Fp2>.AreEqual(JacobianPoint<Fp2>.Double(qa), JacobianPoint<Fp2>.Add(qa, qa.ToAffine())));
            Assert.True(qa.IsOnCurve(G2.B));
        }
        Assert.True(TestMath.Mul(G2.Generator, R).IsInfinity);
    }
}
