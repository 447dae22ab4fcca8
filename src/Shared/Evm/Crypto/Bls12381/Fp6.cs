using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>An element c0 + c1·v + c2·v² of Fp6 = Fp2[v]/(v³ - ξ), ξ = 1 + u.</summary>
[SkipLocalsInit]
public readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0, C1, C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 Add(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 Sub(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 Neg(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    public static Fp6 Mul(in Fp6 a, in Fp6 b)
    {
        // Karatsuba over the three coefficients: six Fp2 products.
        Fp2 v0 = a.C0 * b.C0, v1 = a.C1 * b.C1, v2 = a.C2 * b.C2;
        Fp2 c0 = Fp2.MulByNonResidue((a.C1 + a.C2) * (b.C1 + b.C2) - v1 - v2) + v0;
        Fp2 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - v0 - v1 + Fp2.MulByNonResidue(v2);
        Fp2 c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - v0 - v2 + v1;
        return new Fp6(c0, c1, c2);
    }

    public static Fp6 Square(in Fp6 a) => Mul(a, a);

    /// <summary>Product with b0 + b1·v (c2 = 0): the shape the Miller loop lines have.</summary>
    public static Fp6 MulBy01(in Fp6 a, in Fp2 b0, in Fp2 b1)
    {
        Fp2 v0 = a.C0 * b0, v1 = a.C1 * b1;
        Fp2 c0 = Fp2.MulByNonResidue(a.C2 * b1) + v0;
        Fp2 c1 = (a.C0 + a.C1) * (b0 + b1) - v0 - v1;
        Fp2 c2 = a.C2 * b0 + v1;
        return new Fp6(c0, c1, c2);
    }

    /// <summary>Product with b1·v for b1 in the base field.</summary>
    public static Fp6 MulBy1(in Fp6 a, in Fp b1) =>
        new(Fp2.MulByNonResidue(Fp2.MulByFp(a.C2, b1)), Fp2.MulByFp(a.C0, b1), Fp2.MulByFp(a.C1, b1));

    /// <summary>Multiplies by v: the coefficients rotate and the one that wraps picks up ξ.</summary>
    public static Fp6 MulByV(in Fp6 a) => new(Fp2.MulByNonResidue(a.C2), a.C0, a.C1);

    public static Fp6 Inverse(in Fp6 a)
    {
        // Adjugate over Fp2 divided by the norm; costs one Fp2 inversion.
        Fp2 t0 = Fp2.Square(a.C0) - Fp2.MulByNonResidue(a.C1 * a.C2);
        Fp2 t1 = Fp2.MulByNonResidue(Fp2.Square(a.C2)) - a.C0 * a.C1;
        Fp2 t2 = Fp2.Square(a.C1) - a.C0 * a.C2;
        Fp2 norm = a.C0 * t0 + Fp2.MulByNonResidue(a.C2 * t1 + a.C1 * t2);
        Fp2 inv = Fp2.Inverse(norm);
        return new Fp6(t0 * inv, t1 * inv, t2 * inv);
    }

    public static bool AreEqual(in Fp6 a, in Fp6 b) => a.C0 == b.C0 && a.C1 == b.C1 && a.C2 == b.C2;

    public bool Equals(Fp6 other) => AreEqual(this, other);
    public override bool Equals(object? obj) => obj is Fp6 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);

    public static Fp6 operator +(in Fp6 a, in Fp6 b) => Add(a, b);
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => Sub(a, b);
    public static Fp6 operator -(in Fp6 a) => Neg(a);
    public static Fp6 operator *(in Fp6 a, in Fp6 b) => Mul(a, b);
    public static bool operator ==(in Fp6 a, in Fp6 b) => AreEqual(a, b);
    public static bool operator !=(in Fp6 a, in Fp6 b) => !AreEqual(a, b);
}
