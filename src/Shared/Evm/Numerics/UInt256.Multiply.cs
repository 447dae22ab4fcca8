using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>Full 64x64 product; returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulHigh(ulong x, ulong y, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            // MULX for the high half plus IMUL for the low half keeps both in registers;
            // Math.BigMul's out parameter currently round-trips through the stack.
            lo = x * y;
            return Bmi2.X64.MultiplyNoFlags(x, y);
        }

        return Math.BigMul(x, y, out lo);
    }

    /// <summary>x * y + addend + carry as a 128-bit value (it cannot overflow); returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulAdd(ulong x, ulong y, ulong addend, ulong carry, out ulong lo)
    {
        ulong hi = MulHigh(x, y, out ulong l);
        l += addend;
        hi += l < addend ? 1UL : 0UL;
        l += carry;
        hi += l < carry ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    /// <summary>x * y + addend as a 128-bit value; returns the high limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulAdd(ulong x, ulong y, ulong addend, out ulong lo)
    {
        ulong hi = MulHigh(x, y, out ulong l);
        l += addend;
        hi += l < addend ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    /// <summary>a * b mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if ((a.U1 | a.U2 | a.U3 | b.U1 | b.U2 | b.U3) == 0)
        {
            ulong hi = MulHigh(a.U0, b.U0, out ulong lo);
            res = new UInt256(lo, hi);
            return;
        }

        MultiplyWide(in a, in b, out res);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyWide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if ((b.U1 | b.U2 | b.U3) == 0)
        {
            MultiplyByLimb(in a, b.U0, out res);
            return;
        }

        if ((a.U1 | a.U2 | a.U3) == 0)
        {
            MultiplyByLimb(in b, a.U0, out res);
            return;
        }

        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ulong b0 = b.U0, b1 = b.U1, b2 = b.U2, b3 = b.U3;

        // Schoolbook, keeping only the partial products that land below 2^256.
        ulong c = MulHigh(a0, b0, out ulong r0);
        c = MulAdd(a0, b1, c, out ulong r1);
        c = MulAdd(a0, b2, c, out ulong r2);
        ulong r3 = a0 * b3 + c;

        c = MulAdd(a1, b0, r1, out r1);
        c = MulAdd(a1, b1, r2, c, out r2);
        r3 += a1 * b2 + c;

        c = MulAdd(a2, b0, r2, out r2);
        r3 += a2 * b1 + c;

        r3 += a3 * b0;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>a * y mod 2^256 for a single-limb multiplier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyByLimb(in UInt256 a, ulong y, out UInt256 res)
    {
        ulong c = MulHigh(a.U0, y, out ulong r0);
        c = MulAdd(a.U1, y, c, out ulong r1);
        c = MulAdd(a.U2, y, c, out ulong r2);
        ulong r3 = a.U3 * y + c;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>a * a mod 2^256, using the symmetry of the cross terms to save multiplications.</summary>
    internal static void Square(in UInt256 a, out UInt256 res)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;

        // Off-diagonal terms once: a0a1 at limb 1, a0a2 at limb 2, a0a3 + a1a2 at limb 3 (low halves only).
        ulong h01 = MulHigh(a0, a1, out ulong x1);
        ulong h02 = MulHigh(a0, a2, out ulong l02);
        ulong x2 = h01 + l02;
        ulong c = x2 < l02 ? 1UL : 0UL;
        ulong x3 = h02 + a0 * a3 + a1 * a2 + c;

        // Double them.
        x3 = (x3 << 1) | (x2 >> 63);
        x2 = (x2 << 1) | (x1 >> 63);
        x1 <<= 1;

        // Add the squares on the diagonal.
        ulong d0h = MulHigh(a0, a0, out ulong r0);
        ulong d1h = MulHigh(a1, a1, out ulong d1l);
        c = AddWithCarry(x1, d0h, 0, out ulong r1);
        c = AddWithCarry(x2, d1l, c, out ulong r2);
        ulong r3 = x3 + d1h + c;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>a * b mod 2^256; returns true when the exact product is 2^256 or more.</summary>
    public static unsafe bool MultiplyOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if ((a.U2 | a.U3 | b.U2 | b.U3) == 0)
        {
            // Two values below 2^128 cannot overflow.
            Multiply(in a, in b, out res);
            return false;
        }

        ulong* p = stackalloc ulong[8];
        MultiplyFull(in a, in b, p);
        res = new UInt256(p[0], p[1], p[2], p[3]);
        return (p[4] | p[5] | p[6] | p[7]) != 0;
    }

    /// <summary>The exact 512-bit product, written as 8 limbs (least significant first) to <paramref name="r"/>.</summary>
    internal static unsafe void MultiplyFull(in UInt256 a, in UInt256 b, ulong* r)
    {
        ulong b0 = b.U0, b1 = b.U1, b2 = b.U2, b3 = b.U3;

        ulong x = a.U0;
        ulong c = MulHigh(x, b0, out r[0]);
        c = MulAdd(x, b1, c, out r[1]);
        c = MulAdd(x, b2, c, out r[2]);
        r[4] = MulAdd(x, b3, c, out r[3]);

        AddRowProduct(r + 1, a.U1, b0, b1, b2, b3);
        AddRowProduct(r + 2, a.U2, b0, b1, b2, b3);
        AddRowProduct(r + 3, a.U3, b0, b1, b2, b3);
    }

    /// <summary>r[0..3] += x * (b0..b3), with the final carry stored (not added) in r[4].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRowProduct(ulong* r, ulong x, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        ulong c = MulAdd(x, b0, r[0], out r[0]);
        c = MulAdd(x, b1, r[1], c, out r[1]);
        c = MulAdd(x, b2, r[2], c, out r[2]);
        r[4] = MulAdd(x, b3, r[3], c, out r[3]);
    }

    /// <summary>Operator form of <see cref="Multiply"/>.</summary>
    public static UInt256 operator *(in UInt256 a, in UInt256 b)
    {
        Multiply(in a, in b, out UInt256 r);
        return r;
    }
}
