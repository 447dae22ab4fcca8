using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// The endomorphism φ(x, y) = (βx, y) of E(Fp), β a primitive cube root of unity in Fp. On G1 it
/// acts as multiplication by λ = -x² (mod r), a cube root of unity mod r, which gives both a fast
/// subgroup test and a split of 255-bit scalars into two 128-bit halves (GLV).
/// </summary>
[SkipLocalsInit]
internal static class G1Endomorphism
{
    /// <summary>x² = 0xd201000000010000², 128 bits with 17 set bits.</summary>
    private static readonly BigInteger XSquared = (BigInteger)Pairing.LoopParameter * Pairing.LoopParameter;
    private static readonly ulong[] XSquaredLimbs = Limbs.FromBigIntegerArray(XSquared, 2);

    /// <summary>The cube root of unity for which φ(P) = [-x²]P on G1 (the other root gives [x² - 1]P).</summary>
    public static readonly Fp Beta = FindBeta();

    /// <summary>
    /// P ∈ G1 exactly when φ(P) = [-x²]P: for BLS12-381 no point of E(Fp) outside G1 satisfies
    /// it (Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
    /// curves", 2021). A 128-bit sparse multiplication instead of a 255-bit one by r.
    /// </summary>
    public static bool IsInSubgroup(in AffinePoint<Fp> p)
    {
        if (p.IsInfinity) return true;
        JacobianPoint<Fp> x2p = JacobianPoint<Fp>.MultiplySparse(p, XSquaredLimbs);
        return JacobianPoint<Fp>.Add(x2p, new AffinePoint<Fp>(p.X * Beta, p.Y)).IsInfinity;
    }

    /// <summary>
    /// [k]P for P in G1. Writing k = q·x² + s with s, q below 2^128 gives
    /// [k]P = [s]P + [q]ψ(P), ψ(P) = -φ(P) = [x²]P, and both halves share one run of 128 doublings.
    /// </summary>
    public static JacobianPoint<Fp> Multiply(in AffinePoint<Fp> p, in Scalar k)
    {
        if (p.IsInfinity || k.IsZero) return JacobianPoint<Fp>.Infinity;
        BigInteger q = BigInteger.DivRem(k.ToBigInteger(), XSquared, out BigInteger s);
        Span<sbyte> sDigits = stackalloc sbyte[MaxDigits], qDigits = stackalloc sbyte[MaxDigits];
        int length = Math.Max(ToWnaf((UInt128)s, sDigits), ToWnaf((UInt128)q, qDigits));

        // Odd multiples P, 3P, ..., 15P and their images under ψ (one product each).
        Span<JacobianPoint<Fp>> tp = stackalloc JacobianPoint<Fp>[TableSize];
        Span<JacobianPoint<Fp>> tq = stackalloc JacobianPoint<Fp>[TableSize];
        tp[0] = p.ToJacobian();
        JacobianPoint<Fp> twoP = JacobianPoint<Fp>.Double(tp[0]);
        for (int j = 1; j < TableSize; j++) tp[j] = JacobianPoint<Fp>.Add(tp[j - 1], twoP);
        for (int j = 0; j < TableSize; j++) tq[j] = new JacobianPoint<Fp>(tp[j].X * Beta, -tp[j].Y, tp[j].Z);

        JacobianPoint<Fp> acc = JacobianPoint<Fp>.Infinity;
        for (int i = length - 1; i >= 0; i--)
        {
            if (!acc.IsInfinity) acc = JacobianPoint<Fp>.Double(acc);
            acc = AddDigit(acc, tp, sDigits[i]);
            acc = AddDigit(acc, tq, qDigits[i]);
        }
        return acc;
    }

    // Width-5 NAF: digits odd in [-15, 15] with at least four zeros after each non-zero one,
    // so a 128-bit half costs about 22 additions instead of 30 with plain 4-bit windows.
    private const int Width = 5;
    private const int TableSize = 1 << (Width - 2);
    private const int MaxDigits = 130;

    private static int ToWnaf(UInt128 k, Span<sbyte> digits)
    {
        digits.Clear();
        int i = 0;
        while (k != UInt128.Zero)
        {
            if ((k & 1) != 0)
            {
                int d = (int)(k & ((1 << Width) - 1));
                if (d >= 1 << (Width - 1)) d -= 1 << Width;
                digits[i] = (sbyte)d;
                k = d > 0 ? k - (uint)d : k + (uint)-d;
            }
            k >>= 1;
            i++;
        }
        return i;
    }

    private static JacobianPoint<Fp> AddDigit(in JacobianPoint<Fp> acc, ReadOnlySpan<JacobianPoint<Fp>> table, int digit)
    {
        if (digit > 0) return JacobianPoint<Fp>.Add(acc, table[digit >> 1]);
        if (digit < 0) return JacobianPoint<Fp>.Add(acc, table[-digit >> 1].Negate());
        return acc;
    }

    private static Fp FindBeta()
    {
        BigInteger third = (Fp.Modulus - 1) / 3;
        ulong[] e = Limbs.FromBigIntegerArray(third, 6);
        for (ulong g = 2; ; g++)
        {
            Fp omega = Fp.Pow(Fp.FromUInt64(g), e);
            if (omega.IsOne) continue;   // g is a cube
            foreach (Fp beta in new[] { omega, omega * omega })
            {
                AffinePoint<Fp> gen = G1.Generator;
                var lhs = JacobianPoint<Fp>.MultiplySparse(gen, XSquaredLimbs);
                if (JacobianPoint<Fp>.Add(lhs, new AffinePoint<Fp>(gen.X * beta, gen.Y)).IsInfinity) return beta;
            }
            throw new InvalidOperationException("no cube root of unity acts as -x² on G1");
        }
    }
}
