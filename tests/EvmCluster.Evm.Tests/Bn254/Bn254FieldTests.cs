using System.Numerics;
using EvmCluster.Evm.Crypto.Bn254;
using static EvmCluster.Evm.Tests.Bn254.Bn254Reference;

namespace EvmCluster.Evm.Tests.Bn254;

public class Bn254FieldTests
{
    private static IEnumerable<BigInteger> FpSamples(int seed, int count)
    {
        yield return 0;
        yield return 1;
        yield return 2;
        yield return P - 1;
        yield return P - 2;
        yield return (P - 1) / 2;
        yield return BigInteger.One << 255 < P ? BigInteger.One << 255 : (BigInteger.One << 253) + 7;
        var rng = new Random(seed);
        for (int i = 0; i < count; i++) yield return RandomBelow(rng, P);
    }

    [Fact]
    public void Fp_arithmetic_matches_BigInteger()
    {
        BigInteger[] xs = FpSamples(1, 60).ToArray();
        BigInteger[] ys = FpSamples(2, 60).Reverse().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            BigInteger a = xs[i], b = ys[i];
            Fp fa = ToFp(a), fb = ToFp(b);
            Assert.Equal(a, ToBig(fa));
            Fp.Add(in fa, in fb, out Fp r); Assert.Equal(Mod(a + b), ToBig(r));
            Fp.Sub(in fa, in fb, out r); Assert.Equal(Mod(a - b), ToBig(r));
            Fp.Neg(in fa, out r); Assert.Equal(Mod(-a), ToBig(r));
            Fp.Double(in fa, out r); Assert.Equal(Mod(2 * a), ToBig(r));
            Fp.Half(in fa, out r); Assert.Equal(Mod(a * BigInteger.ModPow(2, P - 2, P)), ToBig(r));
            Fp.Mul(in fa, in fb, out r); Assert.Equal(Mod(a * b), ToBig(r));
            Fp.Square(in fa, out r); Assert.Equal(Mod(a * a), ToBig(r));
            Fp.Inverse(in fa, out r);
            Assert.Equal(a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, P - 2, P), ToBig(r));
        }
    }

    [Fact]
    public void Fp_results_may_alias_inputs()
    {
        var rng = new Random(3);
        BigInteger a = RandomBelow(rng, P), b = RandomBelow(rng, P);
        Fp x = ToFp(a), y = ToFp(b);
        Fp.Mul(in x, in y, out x);
        Assert.Equal(Mod(a * b), ToBig(x));
        Fp.Sub(in y, in x, out x);
        Assert.Equal(Mod(b - a * b), ToBig(x));
    }

    [Fact]
    public void Fp_inverse_handles_limb_aligned_representations()
    {
        // Raw limbs with zero low words exercise the multi-word shifts of the binary inversion.
        Fp[] samples = [new(0, 1, 0, 0), new(0, 0, 1, 0), new(0, 0, 0, 1), new(0, 0, 0, 0x30644e72e131a028), new(1UL << 63, 0, 0, 0)];
        foreach (Fp x in samples)
        {
            Fp.Inverse(in x, out Fp inv);
            Fp.Mul(in x, in inv, out Fp one);
            Assert.True(one.IsOne, x.ToString());
        }
    }

    [Fact]
    public void Fp_decoding_rejects_values_not_below_p()
    {
        Assert.False(Fp.TryFromBigEndian(ToBytes32(P), out _));
        Assert.False(Fp.TryFromBigEndian(ToBytes32(P + 1), out _));
        Assert.False(Fp.TryFromBigEndian(Enumerable.Repeat((byte)0xff, 32).ToArray(), out _));
        Assert.True(Fp.TryFromBigEndian(ToBytes32(P - 1), out Fp max));
        Assert.Equal(P - 1, ToBig(max));
    }

    [Fact]
    public void Fp2_arithmetic_matches_BigInteger()
    {
        var rng = new Random(4);
        for (int i = 0; i < 60; i++)
        {
            var a = (RandomBelow(rng, P), RandomBelow(rng, P));
            var b = i == 0 ? (P - 1, P - 1) : (RandomBelow(rng, P), RandomBelow(rng, P));
            Fp2 fa = ToFp2(a.Item1, a.Item2), fb = ToFp2(b.Item1, b.Item2);
            Fp2.Mul(in fa, in fb, out Fp2 r); Assert.Equal(Fp2Mul(a, b), ToBig(r));
            Fp2.Square(in fa, out r); Assert.Equal(Fp2Mul(a, a), ToBig(r));
            Fp2.MulByNonResidue(in fa, out r); Assert.Equal(Fp2Mul(a, (9, 1)), ToBig(r));
            Fp2.Inverse(in fa, out r); Assert.Equal((BigInteger.One, BigInteger.Zero), Fp2Mul(a, ToBig(r)));
            Fp2.Conjugate(in fa, out r); Assert.Equal(Fp2Pow(a, P), ToBig(r));
        }
        Fp2.Inverse(Fp2.Zero, out Fp2 zeroInv);
        Assert.True(zeroInv.IsZero);
    }

    [Fact]
    public void Fp12_mul_square_inverse_match_polynomial_reference()
    {
        var rng = new Random(5);
        for (int i = 0; i < 12; i++)
        {
            Fp12 a = RandomFp12(rng), b = RandomFp12(rng);
            BigInteger[] ra = Flatten(a), rb = Flatten(b);
            Fp12.Mul(in a, in b, out Fp12 r); Assert.Equal(Fp12Mul(ra, rb), Flatten(r));
            Fp12.Square(in a, out r); Assert.Equal(Fp12Mul(ra, ra), Flatten(r));
            Fp12.Inverse(in a, out r); Assert.True(IsFp12One(Fp12Mul(ra, Flatten(r))));
            Fp12.Conjugate(in a, out r); Assert.Equal(Fp12Pow(ra, BigInteger.Pow(P, 6)), Flatten(r));
        }
    }

    [Fact]
    public void Fp12_sparse_line_product_matches_full_product()
    {
        var rng = new Random(6);
        for (int i = 0; i < 10; i++)
        {
            Fp12 a = RandomFp12(rng);
            Fp2 F() => ToFp2(RandomBelow(rng, P), RandomBelow(rng, P));
            Fp2 l0 = F(), l1 = F(), l2 = F();
            var line = new Fp12(new Fp6(l0, Fp2.Zero, Fp2.Zero), new Fp6(l1, l2, Fp2.Zero));
            Fp12.MulByLine(in a, in l0, in l1, in l2, out Fp12 sparse);
            Fp12.Mul(in a, in line, out Fp12 full);
            Assert.Equal(Flatten(full), Flatten(sparse));
        }
    }

    [Fact]
    public void Fp12_frobenius_is_the_p_power_map()
    {
        var rng = new Random(7);
        Fp12 a = RandomFp12(rng);
        BigInteger[] ra = Flatten(a);
        for (int k = 1; k <= 3; k++)
        {
            Fp12.Frobenius(in a, k, out Fp12 r);
            Assert.Equal(Fp12Pow(ra, BigInteger.Pow(P, k)), Flatten(r));
        }
    }

    [Fact]
    public void Cyclotomic_square_matches_square_inside_the_cyclotomic_subgroup()
    {
        var rng = new Random(8);
        for (int i = 0; i < 5; i++)
        {
            // a^((p⁶ - 1)(p² + 1)) lies in the cyclotomic subgroup.
            Fp12 a = RandomFp12(rng);
            Fp12.Conjugate(in a, out Fp12 c);
            Fp12.Inverse(in a, out Fp12 inv);
            Fp12.Mul(in c, in inv, out Fp12 m);
            Fp12.Frobenius(in m, 2, out Fp12 t);
            Fp12.Mul(in t, in m, out m);

            Fp12.CyclotomicSquare(in m, out Fp12 fast);
            Fp12.Square(in m, out Fp12 plain);
            Assert.Equal(Flatten(plain), Flatten(fast));
        }
    }

    [Fact]
    public void Final_exponentiation_matches_the_defining_power()
    {
        var rng = new Random(9);
        Fp12 a = RandomFp12(rng);
        Pairing.FinalExponentiation(in a, out Fp12 r);
        BigInteger exponent = (BigInteger.Pow(P, 12) - 1) / R;
        Assert.Equal(Fp12Pow(Flatten(a), exponent), Flatten(r));
    }
}
