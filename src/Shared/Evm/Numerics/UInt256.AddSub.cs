using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>x + y + carryIn; returns the carry out (0 or 1). carryIn must be 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong x, ulong y, ulong carryIn, out ulong sum)
    {
        ulong s = x + y + carryIn;
        sum = s;
        // Branch-free carry: the top bit tells whether both tops were set, or one was and the sum's is clear.
        return ((x & y) | ((x | y) & ~s)) >> 63;
    }

    /// <summary>x - y - borrowIn; returns the borrow out (0 or 1). borrowIn must be 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubtractWithBorrow(ulong x, ulong y, ulong borrowIn, out ulong diff)
    {
        ulong d = x - y - borrowIn;
        diff = d;
        return ((~x & y) | (~(x ^ y) & d)) >> 63;
    }

    /// <summary>a + b mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong c = AddWithCarry(a.U0, b.U0, 0, out ulong r0);
        c = AddWithCarry(a.U1, b.U1, c, out ulong r1);
        c = AddWithCarry(a.U2, b.U2, c, out ulong r2);
        ulong r3 = a.U3 + b.U3 + c;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>a + b mod 2^256; returns true when the exact sum does not fit in 256 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong c = AddWithCarry(a.U0, b.U0, 0, out ulong r0);
        c = AddWithCarry(a.U1, b.U1, c, out ulong r1);
        c = AddWithCarry(a.U2, b.U2, c, out ulong r2);
        c = AddWithCarry(a.U3, b.U3, c, out ulong r3);
        res = new UInt256(r0, r1, r2, r3);
        return c != 0;
    }

    /// <summary>a - b mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong c = SubtractWithBorrow(a.U0, b.U0, 0, out ulong r0);
        c = SubtractWithBorrow(a.U1, b.U1, c, out ulong r1);
        c = SubtractWithBorrow(a.U2, b.U2, c, out ulong r2);
        ulong r3 = a.U3 - b.U3 - c;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>a - b mod 2^256; returns true when b &gt; a (a borrow out of the top limb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SubtractUnderflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong c = SubtractWithBorrow(a.U0, b.U0, 0, out ulong r0);
        c = SubtractWithBorrow(a.U1, b.U1, c, out ulong r1);
        c = SubtractWithBorrow(a.U2, b.U2, c, out ulong r2);
        c = SubtractWithBorrow(a.U3, b.U3, c, out ulong r3);
        res = new UInt256(r0, r1, r2, r3);
        return c != 0;
    }

    /// <summary>Two's complement negation: 2^256 - a (0 stays 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in UInt256 a, out UInt256 res)
    {
        ulong c = SubtractWithBorrow(0, a.U0, 0, out ulong r0);
        c = SubtractWithBorrow(0, a.U1, c, out ulong r1);
        c = SubtractWithBorrow(0, a.U2, c, out ulong r2);
        ulong r3 = 0 - a.U3 - c;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>EVM ADDMOD: (a + b) mod m computed on the exact 257-bit sum; m == 0 gives 0.</summary>
    public static void AddMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
    {
        if (m.IsZero)
        {
            res = default;
            return;
        }

        if (((a.U1 | a.U2 | a.U3 | b.U1 | b.U2 | b.U3 | m.U1 | m.U2 | m.U3)) == 0)
        {
            // Everything in one limb: the sum fits in UInt128, whose remainder by a ulong is cheap.
            UInt128 sum = (UInt128)a.U0 + b.U0;
            res = new UInt256(RemainderSmall(sum, m.U0));
            return;
        }

        // With both operands reduced below m, the sum is below 2m, so one conditional subtraction finishes.
        UInt256 x, y;
        if (LessThan(in a, in m)) x = a; else Mod(in a, in m, out x);
        if (LessThan(in b, in m)) y = b; else Mod(in b, in m, out y);

        bool carry = AddOverflow(in x, in y, out UInt256 s);
        if (carry || !LessThan(in s, in m))
        {
            // When the add carried, wrapping subtraction still yields the true (s + 2^256 - m).
            Subtract(in s, in m, out s);
        }

        res = s;
    }

    /// <summary>Operator form of <see cref="Add"/>.</summary>
    public static UInt256 operator +(in UInt256 a, in UInt256 b)
    {
        Add(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Subtract"/>.</summary>
    public static UInt256 operator -(in UInt256 a, in UInt256 b)
    {
        Subtract(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Negate"/>.</summary>
    public static UInt256 operator -(in UInt256 a)
    {
        Negate(in a, out UInt256 r);
        return r;
    }
}
