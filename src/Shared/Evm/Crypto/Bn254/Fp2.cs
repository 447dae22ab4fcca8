using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>Element C0 + C1·i of F_p² = F_p[i]/(i² + 1), the field of the G2 twist coordinates.</summary>
public struct Fp2 : IFieldElement<Fp2>
{
    /// <summary>Real part.</summary>
    public Fp C0;

    /// <summary>Imaginary part (the coefficient of i).</summary>
    public Fp C1;

    /// <summary>Creates c0 + c1·i.</summary>
    public Fp2(in Fp c0, in Fp c1) { C0 = c0; C1 = c1; }

    /// <summary>The additive identity.</summary>
    public static Fp2 Zero => default;

    /// <summary>The multiplicative identity.</summary>
    public static Fp2 One => new(Fp.One, Fp.Zero);

    /// <summary>True for zero.</summary>
    public readonly bool IsZero => C0.IsZero && C1.IsZero;

    /// <summary>True for one.</summary>
    public readonly bool IsOne => C0.IsOne && C1.IsZero;

    /// <inheritdoc/>
    public readonly bool Equals(Fp2 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Fp2 other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(C0, C1);

    /// <summary>r = a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp2 a, in Fp2 b, out Fp2 r)
    {
        Fp.Add(in a.C0, in b.C0, out r.C0);
        Fp.Add(in a.C1, in b.C1, out r.C1);
    }

    /// <summary>r = a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in Fp2 a, in Fp2 b, out Fp2 r)
    {
        Fp.Sub(in a.C0, in b.C0, out r.C0);
        Fp.Sub(in a.C1, in b.C1, out r.C1);
    }

    /// <summary>r = 2a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fp2 a, out Fp2 r)
    {
        Fp.Double(in a.C0, out r.C0);
        Fp.Double(in a.C1, out r.C1);
    }

    /// <summary>r = -a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Neg(in Fp2 a, out Fp2 r)
    {
        Fp.Neg(in a.C0, out r.C0);
        Fp.Neg(in a.C1, out r.C1);
    }

    /// <summary>r = conj(a) = a^p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Conjugate(in Fp2 a, out Fp2 r)
    {
        r.C0 = a.C0;
        Fp.Neg(in a.C1, out r.C1);
    }

    /// <summary>r = a·b (Karatsuba: three base-field products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in Fp2 a, in Fp2 b, out Fp2 r)
    {
        Fp.Mul(in a.C0, in b.C0, out Fp v0);
        Fp.Mul(in a.C1, in b.C1, out Fp v1);
        Fp.Add(in a.C0, in a.C1, out Fp sa);
        Fp.Add(in b.C0, in b.C1, out Fp sb);
        Fp.Mul(in sa, in sb, out Fp m);
        Fp.Sub(in m, in v0, out m);
        Fp.Sub(in m, in v1, out r.C1);
        Fp.Sub(in v0, in v1, out r.C0);
    }

    /// <summary>r = a² via (a0 + a1)(a0 - a1) + 2·a0·a1·i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Square(in Fp2 a, out Fp2 r)
    {
        Fp.Add(in a.C0, in a.C1, out Fp s);
        Fp.Sub(in a.C0, in a.C1, out Fp d);
        Fp.Mul(in a.C0, in a.C1, out Fp m);
        Fp.Mul(in s, in d, out r.C0);
        Fp.Double(in m, out r.C1);
    }

    /// <summary>r = a·s for a base-field scalar s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulByFp(in Fp2 a, in Fp s, out Fp2 r)
    {
        Fp.Mul(in a.C0, in s, out r.C0);
        Fp.Mul(in a.C1, in s, out r.C1);
    }

    /// <summary>r = a·ξ with ξ = 9 + i, the non-residue that builds F_p⁶ and the twist.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulByNonResidue(in Fp2 a, out Fp2 r)
    {
        // (a0 + a1 i)(9 + i) = (9a0 - a1) + (9a1 + a0) i, with 9x = 8x + x by doublings.
        Fp.Double(in a.C0, out Fp n0); Fp.Double(in n0, out n0); Fp.Double(in n0, out n0); Fp.Add(in n0, in a.C0, out n0);
        Fp.Double(in a.C1, out Fp n1); Fp.Double(in n1, out n1); Fp.Double(in n1, out n1); Fp.Add(in n1, in a.C1, out n1);
        Fp.Sub(in n0, in a.C1, out Fp c0);
        Fp.Add(in n1, in a.C0, out r.C1);
        r.C0 = c0;
    }

    /// <summary>r = a^-1 = conj(a) / (a0² + a1²); zero maps to zero.</summary>
    public static void Inverse(in Fp2 a, out Fp2 r)
    {
        Fp.Square(in a.C0, out Fp n);
        Fp.Square(in a.C1, out Fp t);
        Fp.Add(in n, in t, out n);
        Fp.Inverse(in n, out n);
        Fp.Neg(in a.C1, out Fp c1);
        Fp.Mul(in a.C0, in n, out r.C0);
        Fp.Mul(in c1, in n, out r.C1);
    }

    /// <summary>a^e for a non-negative exponent; used for constants, not on hot paths.</summary>
    public static Fp2 Pow(in Fp2 a, BigInteger e)
    {
        Fp2 result = One, b = a;
        for (; !e.IsZero; e >>= 1)
        {
            if (!e.IsEven) Mul(in result, in b, out result);
            Square(in b, out b);
        }
        return result;
    }

    /// <inheritdoc/>
    public override readonly string ToString() => $"({C0} + {C1}·i)";
}
