using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>Element B0 + B1·v + B2·v² of F_p⁶ = F_p²[v]/(v³ - ξ), ξ = 9 + i.</summary>
public struct Fp6 : IEquatable<Fp6>
{
    /// <summary>Coefficient of 1.</summary>
    public Fp2 B0;

    /// <summary>Coefficient of v.</summary>
    public Fp2 B1;

    /// <summary>Coefficient of v².</summary>
    public Fp2 B2;

    /// <summary>Creates b0 + b1·v + b2·v².</summary>
    public Fp6(in Fp2 b0, in Fp2 b1, in Fp2 b2) { B0 = b0; B1 = b1; B2 = b2; }

    /// <summary>The multiplicative identity.</summary>
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    /// <summary>True for zero.</summary>
    public readonly bool IsZero => B0.IsZero && B1.IsZero && B2.IsZero;

    /// <inheritdoc/>
    public readonly bool Equals(Fp6 other) => B0.Equals(other.B0) && B1.Equals(other.B1) && B2.Equals(other.B2);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Fp6 other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(B0, B1, B2);

    /// <summary>r = a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp6 a, in Fp6 b, out Fp6 r)
    {
        Fp2.Add(in a.B0, in b.B0, out r.B0);
        Fp2.Add(in a.B1, in b.B1, out r.B1);
        Fp2.Add(in a.B2, in b.B2, out r.B2);
    }

    /// <summary>r = a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in Fp6 a, in Fp6 b, out Fp6 r)
    {
        Fp2.Sub(in a.B0, in b.B0, out r.B0);
        Fp2.Sub(in a.B1, in b.B1, out r.B1);
        Fp2.Sub(in a.B2, in b.B2, out r.B2);
    }

    /// <summary>r = -a.</summary>
    public static void Neg(in Fp6 a, out Fp6 r)
    {
        Fp2.Neg(in a.B0, out r.B0);
        Fp2.Neg(in a.B1, out r.B1);
        Fp2.Neg(in a.B2, out r.B2);
    }

    /// <summary>r = a·v, which only rotates the coefficients (v³ = ξ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulByV(in Fp6 a, out Fp6 r)
    {
        Fp2.MulByNonResidue(in a.B2, out Fp2 t);
        r.B2 = a.B1;
        r.B1 = a.B0;
        r.B0 = t;
    }

    /// <summary>r = a·b with six F_p² products (Karatsuba over the cubic extension).</summary>
    public static void Mul(in Fp6 a, in Fp6 b, out Fp6 r)
    {
        Fp2.Mul(in a.B0, in b.B0, out Fp2 t0);
        Fp2.Mul(in a.B1, in b.B1, out Fp2 t1);
        Fp2.Mul(in a.B2, in b.B2, out Fp2 t2);

        // c0 = t0 + ξ((a1 + a2)(b1 + b2) - t1 - t2)
        Fp2.Add(in a.B1, in a.B2, out Fp2 x);
        Fp2.Add(in b.B1, in b.B2, out Fp2 y);
        Fp2.Mul(in x, in y, out Fp2 c0);
        Fp2.Sub(in c0, in t1, out c0);
        Fp2.Sub(in c0, in t2, out c0);
        Fp2.MulByNonResidue(in c0, out c0);
        Fp2.Add(in c0, in t0, out c0);

        // c1 = (a0 + a1)(b0 + b1) - t0 - t1 + ξ·t2
        Fp2.Add(in a.B0, in a.B1, out x);
        Fp2.Add(in b.B0, in b.B1, out y);
        Fp2.Mul(in x, in y, out Fp2 c1);
        Fp2.Sub(in c1, in t0, out c1);
        Fp2.Sub(in c1, in t1, out c1);
        Fp2.MulByNonResidue(in t2, out Fp2 xt2);
        Fp2.Add(in c1, in xt2, out c1);

        // c2 = (a0 + a2)(b0 + b2) - t0 - t2 + t1
        Fp2.Add(in a.B0, in a.B2, out x);
        Fp2.Add(in b.B0, in b.B2, out y);
        Fp2.Mul(in x, in y, out Fp2 c2);
        Fp2.Sub(in c2, in t0, out c2);
        Fp2.Sub(in c2, in t2, out c2);
        Fp2.Add(in c2, in t1, out r.B2);
        r.B0 = c0;
        r.B1 = c1;
    }

    /// <summary>r = a² (Chung–Hasan: two squarings fewer than a general product).</summary>
    public static void Square(in Fp6 a, out Fp6 r)
    {
        Fp2.Square(in a.B0, out Fp2 s0);
        Fp2.Mul(in a.B0, in a.B1, out Fp2 s1);
        Fp2.Double(in s1, out s1);
        Fp2.Sub(in a.B0, in a.B1, out Fp2 s2);
        Fp2.Add(in s2, in a.B2, out s2);
        Fp2.Square(in s2, out s2);
        Fp2.Mul(in a.B1, in a.B2, out Fp2 s3);
        Fp2.Double(in s3, out s3);
        Fp2.Square(in a.B2, out Fp2 s4);

        // c2 = s1 + s2 + s3 - s0 - s4 = a1² + 2·a0·a2
        Fp2.Add(in s1, in s2, out Fp2 c2);
        Fp2.Add(in c2, in s3, out c2);
        Fp2.Sub(in c2, in s0, out c2);
        Fp2.Sub(in c2, in s4, out r.B2);
        Fp2.MulByNonResidue(in s3, out s3);
        Fp2.Add(in s0, in s3, out r.B0);
        Fp2.MulByNonResidue(in s4, out s4);
        Fp2.Add(in s1, in s4, out r.B1);
    }

    /// <summary>r = a·s for s in F_p² (each coefficient scaled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulByFp2(in Fp6 a, in Fp2 s, out Fp6 r)
    {
        Fp2.Mul(in a.B0, in s, out r.B0);
        Fp2.Mul(in a.B1, in s, out r.B1);
        Fp2.Mul(in a.B2, in s, out r.B2);
    }

    /// <summary>r = a·(b0 + b1·v): the shape of a Miller-loop line, five F_p² products.</summary>
    public static void MulBy01(in Fp6 a, in Fp2 b0, in Fp2 b1, out Fp6 r)
    {
        Fp2.Mul(in a.B0, in b0, out Fp2 t0);
        Fp2.Mul(in a.B1, in b1, out Fp2 t1);

        // c0 = t0 + ξ·a2·b1
        Fp2.Mul(in a.B2, in b1, out Fp2 c0);
        Fp2.MulByNonResidue(in c0, out c0);
        Fp2.Add(in c0, in t0, out c0);

        // c1 = (a0 + a1)(b0 + b1) - t0 - t1
        Fp2.Add(in a.B0, in a.B1, out Fp2 x);
        Fp2.Add(in b0, in b1, out Fp2 y);
        Fp2.Mul(in x, in y, out Fp2 c1);
        Fp2.Sub(in c1, in t0, out c1);
        Fp2.Sub(in c1, in t1, out c1);

        // c2 = a2·b0 + t1
        Fp2.Mul(in a.B2, in b0, out Fp2 c2);
        Fp2.Add(in c2, in t1, out r.B2);
        r.B0 = c0;
        r.B1 = c1;
    }

    /// <summary>r = a^-1 through the norm to F_p²; zero maps to zero.</summary>
    public static void Inverse(in Fp6 a, out Fp6 r)
    {
        // A = a0² - ξ·a1·a2, B = ξ·a2² - a0·a1, C = a1² - a0·a2, norm = a0·A + ξ(a2·B + a1·C).
        Fp2.Square(in a.B0, out Fp2 A);
        Fp2.Mul(in a.B1, in a.B2, out Fp2 t);
        Fp2.MulByNonResidue(in t, out t);
        Fp2.Sub(in A, in t, out A);

        Fp2.Square(in a.B2, out Fp2 B);
        Fp2.MulByNonResidue(in B, out B);
        Fp2.Mul(in a.B0, in a.B1, out t);
        Fp2.Sub(in B, in t, out B);

        Fp2.Square(in a.B1, out Fp2 C);
        Fp2.Mul(in a.B0, in a.B2, out t);
        Fp2.Sub(in C, in t, out C);

        Fp2.Mul(in a.B2, in B, out Fp2 n);
        Fp2.Mul(in a.B1, in C, out t);
        Fp2.Add(in n, in t, out n);
        Fp2.MulByNonResidue(in n, out n);
        Fp2.Mul(in a.B0, in A, out t);
        Fp2.Add(in n, in t, out n);
        Fp2.Inverse(in n, out n);

        Fp2.Mul(in A, in n, out r.B0);
        Fp2.Mul(in B, in n, out r.B1);
        Fp2.Mul(in C, in n, out r.B2);
    }
}
