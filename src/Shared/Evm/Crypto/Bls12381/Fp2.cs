using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>An element c0 + c1·u of Fp2 = Fp[u]/(u² + 1), the field of G2 coordinates.</summary>
[SkipLocalsInit]
public readonly struct Fp2 : IFieldElement<Fp2>, IEquatable<Fp2>
{
    public readonly Fp C0, C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;

    public static Fp2 Add(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp2 Sub(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp2 Neg(in Fp2 a) => new(-a.C0, -a.C1);
    public static Fp2 Double(in Fp2 a) => new(Fp.Double(a.C0), Fp.Double(a.C1));
    public static Fp2 Conjugate(in Fp2 a) => new(a.C0, -a.C1);

    public static Fp2 Mul(in Fp2 a, in Fp2 b)
    {
        // Karatsuba on unreduced 768-bit products, reduced once per coefficient: three
        // products and two Montgomery reductions instead of three full multiplications.
        FpWide v0 = Fp.MulWide(a.C0, b.C0);
        FpWide v1 = Fp.MulWide(a.C1, b.C1);
        FpWide mid = Fp.MulWide(Fp.AddUnreduced(a.C0, a.C1), Fp.AddUnreduced(b.C0, b.C1));
        FpWide c0 = Fp.SubWideModP2(v0, v1);                    // a0b0 - a1b1 (+ p²)
        FpWide c1 = Fp.SubWide(Fp.SubWide(mid, v0), v1);        // a0b1 + a1b0 < 2p²
        return new Fp2(Fp.Reduce(c0), Fp.Reduce(c1));
    }

    public static Fp2 Square(in Fp2 a)
    {
        // (c0 + c1u)² = (c0 + c1)(c0 - c1) + 2c0c1·u
        Fp t = a.C0 * a.C1;
        return new Fp2((a.C0 + a.C1) * (a.C0 - a.C1), t + t);
    }

    public static Fp2 MulByFp(in Fp2 a, in Fp s) => new(a.C0 * s, a.C1 * s);

    /// <summary>Multiplies by ξ = 1 + u, the non-residue that builds Fp6 and the sextic twist.</summary>
    public static Fp2 MulByNonResidue(in Fp2 a) => new(a.C0 - a.C1, a.C0 + a.C1);

    public static Fp2 Inverse(in Fp2 a)
    {
        // 1/(c0 + c1u) = (c0 - c1u)/(c0² + c1²)
        Fp t = Fp.Inverse(a.C0 * a.C0 + a.C1 * a.C1);
        return new Fp2(a.C0 * t, -(a.C1 * t));
    }

    /// <summary>The sign rule of compressed G2 points: compare c1 first, c0 only when c1 is zero.</summary>
    public bool IsLexicographicallyLargest() => C1.IsZero ? C0.IsLexicographicallyLargest() : C1.IsLexicographicallyLargest();

    public static bool AreEqual(in Fp2 a, in Fp2 b) => a.C0 == b.C0 && a.C1 == b.C1;

    public bool Equals(Fp2 other) => AreEqual(this, other);
    public override bool Equals(object? obj) => obj is Fp2 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public override string ToString() => $"({C0}, {C1})";

    public static Fp2 operator +(in Fp2 a, in Fp2 b) => Add(a, b);
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => Sub(a, b);
    public static Fp2 operator -(in Fp2 a) => Neg(a);
    public static Fp2 operator *(in Fp2 a, in Fp2 b) => Mul(a, b);
    public static bool operator ==(in Fp2 a, in Fp2 b) => AreEqual(a, b);
    public static bool operator !=(in Fp2 a, in Fp2 b) => !AreEqual(a, b);
}
