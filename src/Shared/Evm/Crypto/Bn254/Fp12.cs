using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// Element C0 + C1·w of F_p¹² = F_p⁶[w]/(w² - v), the pairing target field. Over F_p² the basis is
/// w⁰..w⁵ with w⁶ = ξ: C0 holds the coefficients of 1, w², w⁴ and C1 those of w, w³, w⁵.
/// </summary>
public struct Fp12 : IEquatable<Fp12>
{
    /// <summary>Coefficient of 1.</summary>
    public Fp6 C0;

    /// <summary>Coefficient of w.</summary>
    public Fp6 C1;

    /// <summary>Creates c0 + c1·w.</summary>
    public Fp12(in Fp6 c0, in Fp6 c1) { C0 = c0; C1 = c1; }

    /// <summary>The multiplicative identity.</summary>
    public static Fp12 One => new(Fp6.One, default);

    /// <summary>True for the multiplicative identity.</summary>
    public readonly bool IsOne => Equals(One);

    /// <inheritdoc/>
    public readonly bool Equals(Fp12 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Fp12 other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(C0, C1);

    /// <summary>r = a·b: three F_p⁶ products.</summary>
    public static void Mul(in Fp12 a, in Fp12 b, out Fp12 r)
    {
        Fp6.Mul(in a.C0, in b.C0, out Fp6 t0);
        Fp6.Mul(in a.C1, in b.C1, out Fp6 t1);
        Fp6.Add(in a.C0, in a.C1, out Fp6 x);
        Fp6.Add(in b.C0, in b.C1, out Fp6 y);
        Fp6.Mul(in x, in y, out Fp6 c1);
        Fp6.Sub(in c1, in t0, out c1);
        Fp6.Sub(in c1, in t1, out r.C1);
        Fp6.MulByV(in t1, out t1);
        Fp6.Add(in t0, in t1, out r.C0);
    }

    /// <summary>r = a²: (a0 + a1)(a0 + v·a1) - t - v·t for the constant part, 2t for w, with t = a0·a1.</summary>
    public static void Square(in Fp12 a, out Fp12 r)
    {
        Fp6.Mul(in a.C0, in a.C1, out Fp6 t);
        Fp6.Add(in a.C0, in a.C1, out Fp6 x);
        Fp6.MulByV(in a.C1, out Fp6 y);
        Fp6.Add(in y, in a.C0, out y);
        Fp6.Mul(in x, in y, out Fp6 c0);
        Fp6.Sub(in c0, in t, out c0);
        Fp6.MulByV(in t, out Fp6 vt);
        Fp6.Sub(in c0, in vt, out r.C0);
        Fp2.Double(in t.B0, out r.C1.B0);
        Fp2.Double(in t.B1, out r.C1.B1);
        Fp2.Double(in t.B2, out r.C1.B2);
    }

    /// <summary>
    /// r = a·(l0 + l1·w + l2·w³), the sparse shape of a Miller-loop line: thirteen F_p² products
    /// instead of eighteen.
    /// </summary>
    public static void MulByLine(in Fp12 a, in Fp2 l0, in Fp2 l1, in Fp2 l2, out Fp12 r)
    {
        // The line is (l0, 0, 0) + (l1, l2, 0)·w over F_p⁶.
        Fp6.MulByFp2(in a.C0, in l0, out Fp6 t0);
        Fp6.MulBy01(in a.C1, in l1, in l2, out Fp6 t1);
        Fp6.Add(in a.C0, in a.C1, out Fp6 x);
        Fp2.Add(in l0, in l1, out Fp2 s);
        Fp6.MulBy01(in x, in s, in l2, out Fp6 c1);
        Fp6.Sub(in c1, in t0, out c1);
        Fp6.Sub(in c1, in t1, out r.C1);
        Fp6.MulByV(in t1, out t1);
        Fp6.Add(in t0, in t1, out r.C0);
    }

    /// <summary>r = a^(p⁶), which negates the w part.</summary>
    public static void Conjugate(in Fp12 a, out Fp12 r)
    {
        r.C0 = a.C0;
        Fp6.Neg(in a.C1, out r.C1);
    }

    /// <summary>r = a^-1 = conj(a) / (a0² - v·a1²); zero maps to zero.</summary>
    public static void Inverse(in Fp12 a, out Fp12 r)
    {
        Fp6.Square(in a.C0, out Fp6 n);
        Fp6.Square(in a.C1, out Fp6 t);
        Fp6.MulByV(in t, out t);
        Fp6.Sub(in n, in t, out n);
        Fp6.Inverse(in n, out n);
        Fp6.Mul(in a.C0, in n, out Fp6 c0);
        Fp6.Mul(in a.C1, in n, out Fp6 c1);
        r.C0 = c0;
        Fp6.Neg(in c1, out r.C1);
    }

    // γ[k][j] = ξ^(j·(p^k - 1)/6): the factor w^(j·p^k) / w^j picked up by basis element w^j under the p^k-power map.
    private static readonly Fp2[][] FrobeniusFactors = BuildFrobeniusFactors();

    private static Fp2[][] BuildFrobeniusFactors()
    {
        BigInteger p = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
        Fp2 xi = new(Fp.FromUInt64(9), Fp.One);
        Fp2 g1 = Fp2.Pow(in xi, (p - 1) / 6);
        var result = new Fp2[4][];
        for (int k = 1; k <= 3; k++)
        {
            result[k] = new Fp2[6];
            result[k][0] = Fp2.One;
        }
        for (int j = 1; j < 6; j++)
        {
            // ξ^(j(p-1)/6) to the power p+1 and p²+p+1 gives the p² and p³ factors (conjugation is the p-power on F_p²).
            Fp2.Mul(in result[1][j - 1], in g1, out result[1][j]);
            Fp2 g = result[1][j];
            Fp2.Conjugate(in g, out Fp2 gBar);
            Fp2.Mul(in g, in gBar, out result[2][j]);
            Fp2.Mul(in result[2][j], in g, out result[3][j]);
        }
        return result;
    }

    /// <summary>Frobenius factor ξ^(j(p^k - 1)/6), exposed for the twist endomorphism.</summary>
    internal static ref readonly Fp2 FrobeniusFactor(int k, int j) => ref FrobeniusFactors[k][j];

    /// <summary>r = a^(p^k) for k in 1..3, by conjugating (odd k) and scaling each basis coefficient.</summary>
    public static void Frobenius(in Fp12 a, int k, out Fp12 r)
    {
        Fp2[] g = FrobeniusFactors[k];
        Fp12 x = a;
        if ((k & 1) == 1)
        {
            Fp2.Conjugate(in x.C0.B0, out x.C0.B0); Fp2.Conjugate(in x.C0.B1, out x.C0.B1); Fp2.Conjugate(in x.C0.B2, out x.C0.B2);
            Fp2.Conjugate(in x.C1.B0, out x.C1.B0); Fp2.Conjugate(in x.C1.B1, out x.C1.B1); Fp2.Conjugate(in x.C1.B2, out x.C1.B2);
        }
        r.C0.B0 = x.C0.B0;                           // w⁰
        Fp2.Mul(in x.C1.B0, in g[1], out r.C1.B0);   // w¹
        Fp2.Mul(in x.C0.B1, in g[2], out r.C0.B1);   // w²
        Fp2.Mul(in x.C1.B1, in g[3], out r.C1.B1);   // w³
        Fp2.Mul(in x.C0.B2, in g[4], out r.C0.B2);   // w⁴
        Fp2.Mul(in x.C1.B2, in g[5], out r.C1.B2);   // w⁵
    }

    /// <summary>
    /// r = a² for a in the cyclotomic subgroup (a^(p⁶+1) = 1), Granger–Scott: view F_p¹² as F_p⁴[t]/(t³ - s)
    /// with s = w³, t = w; then (A + B t + C t²)² = (3A² - 2Ā) + (3sC² + 2B̄) t + (3B² - 2C̄) t².
    /// </summary>
    public static void CyclotomicSquare(in Fp12 a, out Fp12 r)
    {
        // F_p⁴ pairs (x, y) = x + y·s: A = (w⁰, w³), B = (w¹, w⁴), C = (w², w⁵).
        Fp4Square(in a.C0.B0, in a.C1.B1, out Fp2 a0, out Fp2 a1);
        Fp4Square(in a.C1.B0, in a.C0.B2, out Fp2 b0, out Fp2 b1);
        Fp4Square(in a.C0.B1, in a.C1.B2, out Fp2 c0, out Fp2 c1);
        Fp2.MulByNonResidue(in c1, out c1); // s·C² = ξ·c1 + c0·s

        ThreeMinusTwo(in a0, in a.C0.B0, out r.C0.B0);
        ThreePlusTwo(in a1, in a.C1.B1, out r.C1.B1);
        ThreePlusTwo(in c1, in a.C1.B0, out r.C1.B0);
        ThreeMinusTwo(in c0, in a.C0.B2, out r.C0.B2);
        ThreeMinusTwo(in b0, in a.C0.B1, out r.C0.B1);
        ThreePlusTwo(in b1, in a.C1.B2, out r.C1.B2);
    }

    // (x + y·s)² = (x² + ξy²) + 2xy·s, with 2xy = (x + y)² - x² - y².
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fp4Square(in Fp2 x, in Fp2 y, out Fp2 r0, out Fp2 r1)
    {
        Fp2.Square(in x, out Fp2 t0);
        Fp2.Square(in y, out Fp2 t1);
        Fp2.Add(in x, in y, out Fp2 s);
        Fp2.Square(in s, out s);
        Fp2.Sub(in s, in t0, out s);
        Fp2.Sub(in s, in t1, out r1);
        Fp2.MulByNonResidue(in t1, out t1);
        Fp2.Add(in t0, in t1, out r0);
    }

    // r = 3q - 2x = 2(q - x) + q
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreeMinusTwo(in Fp2 q, in Fp2 x, out Fp2 r)
    {
        Fp2.Sub(in q, in x, out Fp2 t);
        Fp2.Double(in t, out t);
        Fp2.Add(in t, in q, out r);
    }

    // r = 3q + 2x = 2(q + x) + q
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreePlusTwo(in Fp2 q, in Fp2 x, out Fp2 r)
    {
        Fp2.Add(in q, in x, out Fp2 t);
        Fp2.Double(in t, out t);
        Fp2.Add(in t, in q, out r);
    }
}
