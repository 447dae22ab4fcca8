using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>EVM DIV: floor(a / b), or 0 when b is 0.</summary>
    public static void Divide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if (b.FitsInULong)
        {
            ulong d = b.U0;
            if (a.FitsInULong)
            {
                res = d == 0 ? default : new UInt256(a.U0 / d);
                return;
            }

            if (d == 0)
            {
                res = default;
                return;
            }

            if ((d & (d - 1)) == 0)
            {
                ShiftRight(in a, BitOperations.TrailingZeroCount(d), out res);
                return;
            }

            DivRemByLimb(in a, d, out res);
            return;
        }

        if (LessThan(in a, in b))
        {
            res = default;
            return;
        }

        if (IsPowerOfTwo(in b))
        {
            ShiftRight(in a, TrailingZeroCount(in b), out res);
            return;
        }

        DivRemMultiLimb(in a, in b, out res, out _);
    }

    /// <summary>EVM MOD: a mod b, or 0 when b is 0.</summary>
    public static void Mod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if (b.FitsInULong)
        {
            ulong d = b.U0;
            if (a.FitsInULong)
            {
                res = d == 0 ? default : new UInt256(a.U0 % d);
                return;
            }

            if (d == 0)
            {
                res = default;
                return;
            }

            if ((d & (d - 1)) == 0)
            {
                res = new UInt256(a.U0 & (d - 1));
                return;
            }

            res = new UInt256(DivRemByLimb(in a, d, out _));
            return;
        }

        if (LessThan(in a, in b))
        {
            res = a;
            return;
        }

        DivRemMultiLimb(in a, in b, out _, out res);
    }

    /// <summary>Quotient and remainder together; both are 0 when b is 0.</summary>
    public static void DivMod(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        if (b.FitsInULong)
        {
            ulong d = b.U0;
            if (d == 0)
            {
                quotient = default;
                remainder = default;
                return;
            }

            if (a.FitsInULong)
            {
                (ulong q, ulong r) = Math.DivRem(a.U0, d);
                quotient = new UInt256(q);
                remainder = new UInt256(r);
                return;
            }

            remainder = new UInt256(DivRemByLimb(in a, d, out quotient));
            return;
        }

        if (LessThan(in a, in b))
        {
            // Read a before writing: the outputs may alias the inputs.
            UInt256 copy = a;
            quotient = default;
            remainder = copy;
            return;
        }

        DivRemMultiLimb(in a, in b, out quotient, out remainder);
    }

    /// <summary>EVM MULMOD: (a * b) mod m on the exact 512-bit product; m == 0 gives 0.</summary>
    [SkipLocalsInit]
    public static unsafe void MultiplyMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
    {
        if (m.IsZero)
        {
            res = default;
            return;
        }

        if ((a.U1 | a.U2 | a.U3 | b.U1 | b.U2 | b.U3 | m.U1 | m.U2 | m.U3) == 0)
        {
            ulong hi = MulHigh(a.U0, b.U0, out ulong lo);
            res = new UInt256(RemainderSmall(new UInt128(hi, lo), m.U0));
            return;
        }

        ulong* p = stackalloc ulong[8];
        MultiplyFull(in a, in b, p);
        int pLen = 8;
        while (pLen > 0 && p[pLen - 1] == 0)
        {
            pLen--;
        }

        int mLen = m.LimbCount;
        if (pLen < mLen)
        {
            res = new UInt256(p[0], p[1], p[2], p[3]);
            return;
        }

        ulong* q = stackalloc ulong[8];
        if (mLen == 1)
        {
            res = new UInt256(DivRemByLimbCore(p, pLen, m.U0, q));
            return;
        }

        ulong* d = stackalloc ulong[4];
        d[0] = m.U0;
        d[1] = m.U1;
        d[2] = m.U2;
        d[3] = m.U3;
        ulong* r = stackalloc ulong[4];
        KnuthDivRem(p, pLen, d, mLen, q, r);
        res = new UInt256(r[0], mLen > 1 ? r[1] : 0, mLen > 2 ? r[2] : 0, mLen > 3 ? r[3] : 0);
    }

    /// <summary>Operator form of <see cref="Divide"/> (x / 0 = 0).</summary>
    public static UInt256 operator /(in UInt256 a, in UInt256 b)
    {
        Divide(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Mod"/> (x % 0 = 0).</summary>
    public static UInt256 operator %(in UInt256 a, in UInt256 b)
    {
        Mod(in a, in b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPowerOfTwo(in UInt256 x) =>
        BitOperations.PopCount(x.U0) + BitOperations.PopCount(x.U1)
        + BitOperations.PopCount(x.U2) + BitOperations.PopCount(x.U3) == 1;

    private static int TrailingZeroCount(in UInt256 x)
    {
        if (x.U0 != 0) return BitOperations.TrailingZeroCount(x.U0);
        if (x.U1 != 0) return 64 + BitOperations.TrailingZeroCount(x.U1);
        if (x.U2 != 0) return 128 + BitOperations.TrailingZeroCount(x.U2);
        if (x.U3 != 0) return 192 + BitOperations.TrailingZeroCount(x.U3);
        return 256;
    }

    /// <summary>a / d for a non-zero single-limb divisor; returns the remainder.</summary>
    [SkipLocalsInit]
    private static unsafe ulong DivRemByLimb(in UInt256 a, ulong d, out UInt256 quotient)
    {
        ulong* u = stackalloc ulong[4];
        u[0] = a.U0;
        u[1] = a.U1;
        u[2] = a.U2;
        u[3] = a.U3;
        ulong* q = stackalloc ulong[4];
        int len = a.LimbCount;
        q[1] = q[2] = q[3] = 0;
        ulong rem = DivRemByLimbCore(u, len, d, q);
        quotient = new UInt256(q[0], q[1], q[2], q[3]);
        return rem;
    }

    /// <summary>a / b and a mod b when b has at least two limbs and a &gt;= b.</summary>
    [SkipLocalsInit]
    private static unsafe void DivRemMultiLimb(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        ulong* u = stackalloc ulong[4];
        u[0] = a.U0;
        u[1] = a.U1;
        u[2] = a.U2;
        u[3] = a.U3;
        ulong* d = stackalloc ulong[4];
        d[0] = b.U0;
        d[1] = b.U1;
        d[2] = b.U2;
        d[3] = b.U3;
        int m = a.LimbCount;
        int n = b.LimbCount;

        // The quotient has at most m - n + 1 <= 3 limbs; the remainder at most n.
        ulong* q = stackalloc ulong[4];
        ulong* r = stackalloc ulong[4];
        q[1] = q[2] = q[3] = 0;
        r[2] = r[3] = 0;
        KnuthDivRem(u, m, d, n, q, r);
        quotient = new UInt256(q[0], q[1], q[2], q[3]);
        remainder = new UInt256(r[0], r[1], r[2], r[3]);
    }

    /// <summary>Remainder of a 128-bit value by a non-zero 64-bit divisor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong RemainderSmall(UInt128 x, ulong d)
    {
        ulong hi = (ulong)(x >> 64);
        ulong lo = (ulong)x;
        if (hi == 0)
        {
            return lo % d;
        }

        return Remainder128(hi % d, lo, d);
    }
}
