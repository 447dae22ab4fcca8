using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// The optimal ate pairing e: G1 × G2 → GT ⊂ Fp12 for BLS12-381, as a Miller loop over the curve
/// parameter x = -0xd201000000010000 followed by the final exponentiation to the power (p¹² - 1)/r.
/// </summary>
/// <remarks>
/// The hard part of the final exponentiation uses 3(p⁴ - p² + 1)/r = (x - 1)²(x + p)(x² + p² - 1) + 3,
/// so the value computed is e(P, Q)³. Cubing is a bijection on GT (3 does not divide r), so the
/// result is still a non-degenerate bilinear pairing and products equal one exactly when they would
/// without the cube.
/// </remarks>
[SkipLocalsInit]
public static class Pairing
{
    /// <summary>|x|, the Miller loop length parameter (x itself is negative).</summary>
    internal const ulong LoopParameter = 0xd201000000010000;

    /// <summary>Iterations after the leading bit of |x|.</summary>
    internal const int LoopLength = 63;

    /// <summary>Set bits of |x| below the leading one: the addition steps.</summary>
    internal const int LoopAdditions = 5;

    /// <summary>e(P, Q).</summary>
    public static Fp12 Pair(in AffinePoint<Fp> p, in AffinePoint<Fp2> q)
    {
        AffinePoint<Fp>[] ps = [p];
        G2Prepared[] qs = [new G2Prepared(q)];
        return FinalExponentiation(MillerLoop(ps, qs));
    }

    /// <summary>Whether Π e(P_i, Q_i) = 1, sharing one Miller loop and one final exponentiation.</summary>
    public static bool PairingProductIsOne(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>As above with G1 points in Jacobian coordinates, which saves converting them to affine.</summary>
    public static bool PairingProductIsOne(ReadOnlySpan<JacobianPoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>Π f_{|x|,Q_i}(P_i), conjugated for the negative x; pairs with a point at infinity contribute one.</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs)
    {
        if (ps.Length != qs.Length) throw new ArgumentException("need as many G1 points as G2 points");
        Span<LinePoint> points = ps.Length <= 8 ? stackalloc LinePoint[ps.Length] : new LinePoint[ps.Length];
        for (int k = 0; k < ps.Length; k++)
            points[k] = ps[k].IsInfinity || qs[k].IsInfinity ? default : new LinePoint(Fp.One, ps[k].X, ps[k].Y);
        return MillerLoop(points, qs);
    }

    /// <summary>
    /// The Miller loop for G1 points in Jacobian coordinates. With x = X/Z², y = Y/Z³ each line is
    /// scaled by Z³ ∈ Fp, a factor the final exponentiation removes, so no inversion is needed.
    /// </summary>
    public static Fp12 MillerLoop(ReadOnlySpan<JacobianPoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs)
    {
        if (ps.Length != qs.Length) throw new ArgumentException("need as many G1 points as G2 points");
        Span<LinePoint> points = ps.Length <= 8 ? stackalloc LinePoint[ps.Length] : new LinePoint[ps.Length];
        for (int k = 0; k < ps.Length; k++)
        {
            JacobianPoint<Fp> p = ps[k];
            points[k] = p.IsInfinity || qs[k].IsInfinity ? default : new LinePoint(Fp.Square(p.Z) * p.Z, p.X * p.Z, p.Y);
        }
        return MillerLoop(points, qs);
    }

    private static Fp12 MillerLoop(ReadOnlySpan<LinePoint> ps, ReadOnlySpan<G2Prepared> qs)
    {
        Fp12 f = Fp12.One;
        int lineIndex = 0;
        bool first = true;
        for (int i = LoopLength - 1; i >= 0; i--)
        {
            if (!first) f = Fp12.Square(f);
            first = false;
            f = MultiplyLines(f, ps, qs, lineIndex++);
            if (((LoopParameter >> i) & 1) != 0) f = MultiplyLines(f, ps, qs, lineIndex++);
        }
        return Fp12.Conjugate(f);
    }

    private static Fp12 MultiplyLines(in Fp12 f, ReadOnlySpan<LinePoint> ps, ReadOnlySpan<G2Prepared> qs, int lineIndex)
    {
        Fp12 acc = f;
        for (int k = 0; k < ps.Length; k++)
        {
            ref readonly LinePoint p = ref ps[k];
            if (!p.Active) continue;
            ref readonly G2Prepared.Line line = ref qs[k].Lines[lineIndex];
            Fp2 c0 = p.ZIsOne ? line.C0 : Fp2.MulByFp(line.C0, p.Z3);
            acc = Fp12.MulByLine(acc, c0, Fp2.MulByFp(line.CX, p.XZ), p.Y);
        }
        return acc;
    }

    /// <summary>What a line evaluation needs of P: Z³, X·Z and Y (for affine P: 1, x, y).</summary>
    private readonly struct LinePoint(in Fp z3, in Fp xz, in Fp y)
    {
        public readonly Fp Z3 = z3, XZ = xz, Y = y;
        public readonly bool Active = true;
        public readonly bool ZIsOne = z3.IsOne;
    }

    /// <summary>f^(3(p¹² - 1)/r): see the remarks on <see cref="Pairing"/>.</summary>
    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        // Easy part f^((p⁶ - 1)(p² + 1)) lands in the cyclotomic subgroup, where inverses are conjugates.
        Fp12 t = Fp12.Conjugate(f) * Fp12.Inverse(f);
        t = Fp12.Frobenius2(t) * t;

        // Hard part: t^((x - 1)²(x + p)(x² + p² - 1) + 3).
        Fp12 t1 = ExpByX(t) * Fp12.Conjugate(t);            // t^(x - 1)
        Fp12 t2 = ExpByX(t1) * Fp12.Conjugate(t1);          // t^((x - 1)²)
        Fp12 t3 = ExpByX(t2) * Fp12.Frobenius(t2);          // ·(x + p)
        Fp12 t4 = ExpByX(ExpByX(t3)) * Fp12.Frobenius2(t3) * Fp12.Conjugate(t3);   // ·(x² + p² - 1)
        return t4 * Fp12.CyclotomicSquare(t) * t;
    }

    /// <summary>a^x for a in the cyclotomic subgroup (x negative, so the result is conjugated).</summary>
    private static Fp12 ExpByX(in Fp12 a)
    {
        Fp12 r = a;
        for (int i = LoopLength - 1; i >= 0; i--)
        {
            r = Fp12.CyclotomicSquare(r);
            if (((LoopParameter >> i) & 1) != 0) r *= a;
        }
        return Fp12.Conjugate(r);
    }
}
