using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// An element c0 + c1·w of Fp12 = Fp6[w]/(w² - v), where pairing values live. Seen over Fp2 it
/// is Σ x_i·w^i (i = 0..5) with x0 = c0.C0, x1 = c1.C0, x2 = c0.C1, x3 = c1.C1, x4 = c0.C2, x5 = c1.C2.
/// </summary>
[SkipLocalsInit]
public readonly struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0, C1;

    // First[i] = ξ^(i(p-1)/6) and Second[i] = ξ^(i(p²-1)/6): the factor w^i
    // picks up when raised to p or p² (w⁶ = ξ, and (w^i)^(p^k) = w^i·ξ^(i(p^k-1)/6)).
    private static readonly (Fp2[] First, Fp2[] Second) FrobeniusCoeffs = ComputeFrobeniusCoeffs();

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);
    public bool IsOne => this == One;

    public static Fp12 Mul(in Fp12 a, in Fp12 b)
    {
        Fp6 aa = a.C0 * b.C0, bb = a.C1 * b.C1;
        Fp6 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - aa - bb;
        return new Fp12(aa + Fp6.MulByV(bb), c1);
    }

    public static Fp12 Square(in Fp12 a)
    {
        // (a0 + a1w)² = a0² + a1²v + 2a0a1·w, with a0² + a1²v = (a0 + a1)(a0 + a1v) - a0a1 - a0a1·v.
        Fp6 t = a.C0 * a.C1;
        Fp6 c0 = (a.C0 + a.C1) * (a.C0 + Fp6.MulByV(a.C1)) - t - Fp6.MulByV(t);
        return new Fp12(c0, t + t);
    }

    /// <summary>
    /// Product with a Miller loop line x0 + x2·w² + x3·w³ (x3 in Fp), i.e. c0 = (x0, x2, 0) and
    /// c1 = (0, x3, 0): ten Fp2 products and three Fp2-by-Fp products instead of eighteen Fp2 products.
    /// </summary>
    public static Fp12 MulByLine(in Fp12 a, in Fp2 x0, in Fp2 x2, in Fp x3)
    {
        Fp6 aa = Fp6.MulBy01(a.C0, x0, x2);
        Fp6 bb = Fp6.MulBy1(a.C1, x3);
        Fp6 c1 = Fp6.MulBy01(a.C0 + a.C1, x0, new Fp2(x2.C0 + x3, x2.C1)) - aa - bb;
        return new Fp12(aa + Fp6.MulByV(bb), c1);
    }

    /// <summary>a^(p^6): negates the w part; on the cyclotomic subgroup it is the inverse.</summary>
    public static Fp12 Conjugate(in Fp12 a) => new(a.C0, -a.C1);

    public static Fp12 Inverse(in Fp12 a)
    {
        // (a0 + a1w)^-1 = (a0 - a1w)/(a0² - a1²v)
        Fp6 t = Fp6.Inverse(a.C0 * a.C0 - Fp6.MulByV(a.C1 * a.C1));
        return new Fp12(a.C0 * t, -(a.C1 * t));
    }

    /// <summary>a^p.</summary>
    public static Fp12 Frobenius(in Fp12 a)
    {
        Fp2[] g = FrobeniusCoeffs.First;
        return new Fp12(
            new Fp6(Fp2.Conjugate(a.C0.C0), Fp2.Conjugate(a.C0.C1) * g[2], Fp2.Conjugate(a.C0.C2) * g[4]),
            new Fp6(Fp2.Conjugate(a.C1.C0) * g[1], Fp2.Conjugate(a.C1.C1) * g[3], Fp2.Conjugate(a.C1.C2) * g[5]));
    }

    /// <summary>a^(p²): Fp2 is fixed by it, and its twiddle factors lie in Fp.</summary>
    public static Fp12 Frobenius2(in Fp12 a)
    {
        Fp2[] g = FrobeniusCoeffs.Second;
        return new Fp12(
            new Fp6(a.C0.C0, a.C0.C1 * g[2], a.C0.C2 * g[4]),
            new Fp6(a.C1.C0 * g[1], a.C1.C1 * g[3], a.C1.C2 * g[5]));
    }

    /// <summary>
    /// Squaring for elements of the cyclotomic subgroup (anything after the easy part of the final
    /// exponentiation). Grouping the w-coefficients as A = x0 + x3·s, B = x1 + x4·s, C = x2 + x5·s
    /// over Fp4 = Fp2[s]/(s² - ξ), s = w³, the square is (3A² - 2Ā) + (3sC² + 2B̄)w + (3B² - 2C̄)w²,
    /// which needs three Fp4 squarings (nine Fp2 squarings) instead of a full Fp12 square.
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 a)
    {
        SquareFp4(a.C0.C0, a.C1.C1, out Fp2 a0, out Fp2 a1);   // A²
        SquareFp4(a.C1.C0, a.C0.C2, out Fp2 b0, out Fp2 b1);   // B²
        SquareFp4(a.C0.C1, a.C1.C2, out Fp2 c0, out Fp2 c1);   // C²
        return new Fp12(
            new Fp6(
                TripleMinusTwice(a0, a.C0.C0),
                TripleMinusTwice(b0, a.C0.C1),
                TripleMinusTwice(c0, a.C0.C2)),
            new Fp6(
                TriplePlusTwice(Fp2.MulByNonResidue(c1), a.C1.C0),
                TriplePlusTwice(a1, a.C1.C1),
                TriplePlusTwice(b1, a.C1.C2)));
    }

    private static void SquareFp4(in Fp2 x0, in Fp2 x1, out Fp2 r0, out Fp2 r1)
    {
        // (x0 + x1s)² = (x0² + ξx1²) + 2x0x1·s with x0 = a0 + a1u, x1 = b0 + b1u. Each output
        // coefficient is a short sum of 768-bit products reduced once (lazy reduction):
        //   r0 = (a0² - a1² + b0² - b1² - 2b0b1) + (2a0a1 + b0² - b1² + 2b0b1)u
        //   r1 = 2(a0b0 - a1b1) + 2(a0b1 + a1b0)u
        // Every sum stays below 6p², inside the p·2^384 that one reduction accepts.
        Fp aSum = Fp.AddUnreduced(x0.C0, x0.C1), bSum = Fp.AddUnreduced(x1.C0, x1.C1);
        FpWide aa = Fp.MulWide(aSum, x0.C0 - x0.C1);           // a0² - a1²
        FpWide bb = Fp.MulWide(bSum, x1.C0 - x1.C1);           // b0² - b1²
        FpWide a01 = Fp.MulWide(x0.C0, x0.C1);
        FpWide b01x2 = Fp.DoubleWide(Fp.MulWide(x1.C0, x1.C1));
        FpWide e = Fp.MulWide(x0.C0, x1.C0), f = Fp.MulWide(x0.C1, x1.C1);
        FpWide g = Fp.MulWide(aSum, bSum);

        FpWide r00 = Fp.AddWide(Fp.AddWide(aa, bb), Fp.SubWide(Fp.TwoModulusSquared, b01x2));
        FpWide r01 = Fp.AddWide(Fp.AddWide(Fp.DoubleWide(a01), bb), b01x2);
        FpWide r10 = Fp.DoubleWide(Fp.SubWideModP2(e, f));
        FpWide r11 = Fp.DoubleWide(Fp.SubWide(Fp.SubWide(g, e), f));
        r0 = new Fp2(Fp.Reduce(r00), Fp.Reduce(r01));
        r1 = new Fp2(Fp.Reduce(r10), Fp.Reduce(r11));
    }

    private static Fp2 TripleMinusTwice(in Fp2 t, in Fp2 z)
    {
        Fp2 d = t - z;
        return d + d + t;
    }

    private static Fp2 TriplePlusTwice(in Fp2 t, in Fp2 z)
    {
        Fp2 s = t + z;
        return s + s + t;
    }

    private static (Fp2[], Fp2[]) ComputeFrobeniusCoeffs()
    {
        var xi = new Fp2(Fp.One, Fp.One);
        Fp2 g = Pow(xi, (Fp.Modulus - 1) / 6);
        var first = new Fp2[6];
        var second = new Fp2[6];
        Fp2 acc = Fp2.One;
        for (int i = 0; i < 6; i++)
        {
            first[i] = acc;
            second[i] = acc * Fp2.Conjugate(acc);   // ξ^(i(p-1)/6·(p+1)), using x^p = conj(x) in Fp2
            acc *= g;
        }
        return (first, second);
    }

    private static Fp2 Pow(in Fp2 a, BigInteger e)
    {
        Fp2 result = Fp2.One;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            result = Fp2.Square(result);
            if (!((e >> (int)i) & 1).IsZero) result *= a;
        }
        return result;
    }

    public static bool AreEqual(in Fp12 a, in Fp12 b) => a.C0 == b.C0 && a.C1 == b.C1;

    public bool Equals(Fp12 other) => AreEqual(this, other);
    public override bool Equals(object? obj) => obj is Fp12 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public static Fp12 operator *(in Fp12 a, in Fp12 b) => Mul(a, b);
    public static bool operator ==(in Fp12 a, in Fp12 b) => AreEqual(a, b);
    public static bool operator !=(in Fp12 a, in Fp12 b) => !AreEqual(a, b);
}
