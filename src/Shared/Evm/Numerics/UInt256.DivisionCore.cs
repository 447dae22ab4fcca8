using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace EvmCluster.Evm.Numerics;

// Limb-level division primitives. Quotient digits are estimated with precomputed reciprocals
// (Möller and Granlund, "Improved division by invariant integers"), so each digit costs two
// multiplications instead of a hardware 128/64 division; Knuth's algorithm D drives the long division.
public readonly partial struct UInt256
{
    /// <summary>floor((2^128 - 1) / d) - 2^64 for a normalized d (top bit set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reciprocal2By1(ulong d)
    {
        // (2^128 - 1) - 2^64 * d = (~d, ~0), and ~d < d, so the quotient fits in one limb.
        if (X86Base.X64.IsSupported)
        {
#pragma warning disable SYSLIB5004 // Experimental API; it maps to one DIV instruction, far cheaper than UInt128 division.
            return X86Base.X64.DivRem(ulong.MaxValue, ~d, d).Quotient;
#pragma warning restore SYSLIB5004
        }

        return (ulong)(new UInt128(~d, ulong.MaxValue) / d);
    }

    /// <summary>Reciprocal of the normalized two-limb divisor (d1, d0), for <see cref="DivRem3By2"/>.</summary>
    internal static ulong Reciprocal3By2(ulong d1, ulong d0)
    {
        ulong v = Reciprocal2By1(d1);

        // Adjust the one-limb reciprocal to account for d0; each correction step fires at most twice.
        ulong p = d1 * v + d0;
        if (p < d0)
        {
            v--;
            if (p >= d1)
            {
                v--;
                p -= d1;
            }

            p -= d1;
        }

        ulong t1 = MulHigh(v, d0, out ulong t0);
        p += t1;
        if (p < t1)
        {
            v--;
            if (p > d1 || (p == d1 && t0 >= d0))
            {
                v--;
            }
        }

        return v;
    }

    /// <summary>(u1, u0) / d with u1 &lt; d, d normalized and v = Reciprocal2By1(d); returns the quotient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong DivRem2By1(ulong u1, ulong u0, ulong d, ulong v, out ulong rem)
    {
        ulong q1 = MulHigh(v, u1, out ulong q0);
        q0 += u0;
        q1 += u1 + (q0 < u0 ? 1UL : 0UL);
        q1++;

        ulong r = u0 - q1 * d;
        if (r > q0)
        {
            q1--;
            r += d;
        }

        if (r >= d)
        {
            // Rare second correction.
            q1++;
            r -= d;
        }

        rem = r;
        return q1;
    }

    /// <summary>
    /// (u2, u1, u0) / (d1, d0) with (u2, u1) &lt; (d1, d0), the divisor normalized and v its
    /// <see cref="Reciprocal3By2"/>; returns the one-limb quotient and the two-limb remainder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong DivRem3By2(ulong u2, ulong u1, ulong u0, ulong d1, ulong d0, ulong v, out ulong rem1, out ulong rem0)
    {
        ulong q1 = MulHigh(v, u2, out ulong q0);
        q0 += u1;
        q1 += u2 + (q0 < u1 ? 1UL : 0UL);

        ulong r1 = u1 - q1 * d1;
        ulong t1 = MulHigh(d0, q1, out ulong t0);

        // (r1, r0) = (r1, u0) - (t1, t0) - (d1, d0), all modulo 2^128.
        ulong b = SubtractWithBorrow(u0, t0, 0, out ulong r0);
        r1 = r1 - t1 - b;
        b = SubtractWithBorrow(r0, d0, 0, out r0);
        r1 = r1 - d1 - b;
        q1++;

        if (r1 >= q0)
        {
            q1--;
            ulong c = AddWithCarry(r0, d0, 0, out r0);
            r1 = r1 + d1 + c;
        }

        if (r1 > d1 || (r1 == d1 && r0 >= d0))
        {
            // Rare second correction.
            q1++;
            b = SubtractWithBorrow(r0, d0, 0, out r0);
            r1 = r1 - d1 - b;
        }

        rem1 = r1;
        rem0 = r0;
        return q1;
    }

    /// <summary>(hi, lo) mod d for hi &lt; d (d need not be normalized).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Remainder128(ulong hi, ulong lo, ulong d)
    {
        // A single division here is cheaper than computing a reciprocal for one use.
        if (X86Base.X64.IsSupported)
        {
#pragma warning disable SYSLIB5004 // See Reciprocal2By1.
            return X86Base.X64.DivRem(lo, hi, d).Remainder;
#pragma warning restore SYSLIB5004
        }

        return (ulong)(new UInt128(hi, lo) % d);
    }

    /// <summary>
    /// Divides the m-limb number u by the non-zero limb d, writing m quotient limbs to q; returns the remainder.
    /// </summary>
    internal static unsafe ulong DivRemByLimbCore(ulong* u, int m, ulong d, ulong* q)
    {
        int s = BitOperations.LeadingZeroCount(d);
        ulong dn = d << s;
        ulong v = Reciprocal2By1(dn);

        // Normalize the dividend on the fly; the bits shifted out of the top start the remainder, and are < dn.
        ulong r = s == 0 ? 0 : u[m - 1] >> (64 - s);
        for (int j = m - 1; j >= 0; j--)
        {
            ulong limb = u[j] << s;
            if (s != 0 && j > 0)
            {
                limb |= u[j - 1] >> (64 - s);
            }

            q[j] = DivRem2By1(r, limb, dn, v, out r);
        }

        return r >> s;
    }

    /// <summary>
    /// Knuth's algorithm D: u (m limbs) divided by d (n limbs, top limb non-zero, n &lt;= 4, m &lt;= 8).
    /// Writes m - n + 1 quotient limbs to q (when m &gt;= n) and n remainder limbs to r. u and d are not modified.
    /// </summary>
    [SkipLocalsInit]
    internal static unsafe void KnuthDivRem(ulong* u, int m, ulong* d, int n, ulong* q, ulong* r)
    {
        if (n == 1)
        {
            r[0] = DivRemByLimbCore(u, m, d[0], q);
            return;
        }

        if (m < n)
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = i < m ? u[i] : 0;
            }

            return;
        }

        // Normalize so the divisor's top bit is set; the dividend gains one limb for the bits shifted out.
        int s = BitOperations.LeadingZeroCount(d[n - 1]);
        ulong* dn = stackalloc ulong[4];
        ulong* un = stackalloc ulong[9];
        ShiftLimbsLeft(d, n, s, dn);
        un[m] = ShiftLimbsLeft(u, m, s, un);

        ulong d1 = dn[n - 1];
        ulong d0 = dn[n - 2];
        ulong v = Reciprocal3By2(d1, d0);

        if (n == 2)
        {
            // A two-limb divisor needs no multiply-subtract: each 3-by-2 step is exact.
            ulong r1 = un[m], r0 = un[m - 1];
            for (int j = m - 2; j >= 0; j--)
            {
                q[j] = DivRem3By2(r1, r0, un[j], d1, d0, v, out r1, out r0);
            }

            un[0] = r0;
            un[1] = r1;
            un[2] = 0;
        }
        else
        {
            for (int j = m - n; j >= 0; j--)
            {
                q[j] = QuotientDigit(un + j, dn, n, d1, d0, v);
            }
        }

        // The remainder sits in the low n limbs of un (un[n] is now 0); undo the normalization.
        if (s == 0)
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = un[i];
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = (un[i] >> s) | (un[i + 1] << (64 - s));
            }
        }
    }

    /// <summary>
    /// One step of algorithm D for n &gt;= 3: divides the n + 1 limbs at w by the normalized divisor dn,
    /// leaves the remainder in w[0..n-1] with w[n] = 0, and returns the quotient digit.
    /// </summary>
    private static unsafe ulong QuotientDigit(ulong* w, ulong* dn, int n, ulong d1, ulong d0, ulong v)
    {
        ulong u2 = w[n];
        ulong u1 = w[n - 1];
        ulong qhat;
        ulong borrow = 0;
        if (u2 == d1 && u1 == d0)
        {
            // The top limbs never exceed the divisor's; on equality the digit is 2^64 - 1 and the
            // 3-by-2 step's precondition fails, so subtract qhat * dn over all n limbs.
            qhat = ulong.MaxValue;
            ulong mulCarry = 0;
            for (int i = 0; i < n; i++)
            {
                mulCarry = MulAdd(qhat, dn[i], mulCarry, out ulong product);
                borrow = SubtractWithBorrow(w[i], product, borrow, out w[i]);
            }

            borrow = SubtractWithBorrow(u2, mulCarry, borrow, out w[n]);
        }
        else
        {
            // The 3-by-2 step already subtracted qhat * (d1, d0) from the top three limbs, exactly;
            // only the lower n - 2 divisor limbs remain. The estimate is exact or one too large.
            qhat = DivRem3By2(u2, u1, w[n - 2], d1, d0, v, out ulong r1, out ulong r0);
            ulong mulCarry = 0;
            for (int i = 0; i < n - 2; i++)
            {
                mulCarry = MulAdd(qhat, dn[i], mulCarry, out ulong product);
                borrow = SubtractWithBorrow(w[i], product, borrow, out w[i]);
            }

            borrow = SubtractWithBorrow(r0, mulCarry, borrow, out w[n - 2]);
            borrow = SubtractWithBorrow(r1, 0, borrow, out w[n - 1]);
            w[n] = 0;
        }

        if (borrow != 0)
        {
            // One too large: add the divisor back; the carry out of the top cancels the borrow.
            qhat--;
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                carry = AddWithCarry(w[i], dn[i], carry, out w[i]);
            }

            w[n] = 0;
        }

        return qhat;
    }

    /// <summary>dst = src &lt;&lt; s over len limbs (0 &lt;= s &lt; 64); returns the bits shifted out of the top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong ShiftLimbsLeft(ulong* src, int len, int s, ulong* dst)
    {
        // (x >> 1) >> (63 - s) is x >> (64 - s) that also yields 0 for s == 0.
        int back = 63 - s;
        ulong outBits = (src[len - 1] >> 1) >> back;
        for (int i = len - 1; i > 0; i--)
        {
            dst[i] = (src[i] << s) | ((src[i - 1] >> 1) >> back);
        }

        dst[0] = src[0] << s;
        return outBits;
    }
}
