using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>Bitwise AND.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void And(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 & b.U0, a.U1 & b.U1, a.U2 & b.U2, a.U3 & b.U3);

    /// <summary>Bitwise OR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Or(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 | b.U0, a.U1 | b.U1, a.U2 | b.U2, a.U3 | b.U3);

    /// <summary>Bitwise XOR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Xor(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 ^ b.U0, a.U1 ^ b.U1, a.U2 ^ b.U2, a.U3 ^ b.U3);

    /// <summary>Bitwise NOT.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Not(in UInt256 a, out UInt256 res) =>
        res = new UInt256(~a.U0, ~a.U1, ~a.U2, ~a.U3);

    /// <summary>value &lt;&lt; shift; any shift of 256 or more (or negative) gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ShiftLeft(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }

        int b = shift & 63;
        // (x >> 1) >> (63 - b) is x >> (64 - b) without the b == 0 case wrapping to a no-op shift.
        int nb = 63 - b;
        ulong a0 = value.U0, a1 = value.U1, a2 = value.U2, a3 = value.U3;
        res = (shift >> 6) switch
        {
            0 => new UInt256(a0 << b, (a1 << b) | ((a0 >> 1) >> nb), (a2 << b) | ((a1 >> 1) >> nb), (a3 << b) | ((a2 >> 1) >> nb)),
            1 => new UInt256(0, a0 << b, (a1 << b) | ((a0 >> 1) >> nb), (a2 << b) | ((a1 >> 1) >> nb)),
            2 => new UInt256(0, 0, a0 << b, (a1 << b) | ((a0 >> 1) >> nb)),
            _ => new UInt256(0, 0, 0, a0 << b),
        };
    }

    /// <summary>Logical value &gt;&gt; shift; any shift of 256 or more (or negative) gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ShiftRight(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }

        int b = shift & 63;
        int nb = 63 - b;
        ulong a0 = value.U0, a1 = value.U1, a2 = value.U2, a3 = value.U3;
        res = (shift >> 6) switch
        {
            0 => new UInt256((a0 >> b) | ((a1 << 1) << nb), (a1 >> b) | ((a2 << 1) << nb), (a2 >> b) | ((a3 << 1) << nb), a3 >> b),
            1 => new UInt256((a1 >> b) | ((a2 << 1) << nb), (a2 >> b) | ((a3 << 1) << nb), a3 >> b),
            2 => new UInt256((a2 >> b) | ((a3 << 1) << nb), a3 >> b),
            _ => new UInt256(a3 >> b),
        };
    }

    /// <summary>EVM SHL: value &lt;&lt; shift, 0 for shift &gt;= 256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ShiftLeft(in UInt256 value, in UInt256 shift, out UInt256 res)
    {
        if (shift.FitsInULong && shift.U0 < 256)
        {
            ShiftLeft(in value, (int)shift.U0, out res);
        }
        else
        {
            res = default;
        }
    }

    /// <summary>EVM SHR: logical value &gt;&gt; shift, 0 for shift &gt;= 256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ShiftRight(in UInt256 value, in UInt256 shift, out UInt256 res)
    {
        if (shift.FitsInULong && shift.U0 < 256)
        {
            ShiftRight(in value, (int)shift.U0, out res);
        }
        else
        {
            res = default;
        }
    }

    /// <summary>EVM SAR: arithmetic shift right; shifts of 256 or more give 0 or all ones by sign.</summary>
    public static void ArithmeticShiftRight(in UInt256 value, in UInt256 shift, out UInt256 res)
    {
        int s = shift.FitsInULong && shift.U0 < 256 ? (int)shift.U0 : 256;
        if (!value.IsNegative)
        {
            ShiftRight(in value, s, out res);
            return;
        }

        // For negative x, x >> s (arithmetic) equals ~((~x) >> s) (logical), and ~0 for s >= 256.
        Not(in value, out UInt256 inverted);
        ShiftRight(in inverted, s, out UInt256 shifted);
        Not(in shifted, out res);
    }

    /// <summary>EVM BYTE(i, x): byte i of x counted from the most significant end; 0 for i &gt;= 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Byte(in UInt256 index, in UInt256 value, out UInt256 res)
    {
        if (!index.FitsInULong || index.U0 >= 32)
        {
            res = default;
            return;
        }

        int fromLow = 31 - (int)index.U0;
        ulong limb = (fromLow >> 3) switch
        {
            0 => value.U0,
            1 => value.U1,
            2 => value.U2,
            _ => value.U3,
        };
        res = new UInt256((limb >> ((fromLow & 7) << 3)) & 0xFF);
    }

    /// <summary>
    /// EVM SIGNEXTEND(b, x): treats x as a (b + 1)-byte two's complement number and extends its sign
    /// bit (bit 8b + 7) upward; b &gt;= 31 leaves x unchanged.
    /// </summary>
    public static void SignExtend(in UInt256 byteIndex, in UInt256 value, out UInt256 res)
    {
        if (!byteIndex.FitsInULong || byteIndex.U0 >= 31)
        {
            res = value;
            return;
        }

        int signBit = ((int)byteIndex.U0 << 3) + 7;
        int limbIndex = signBit >> 6;
        int bitInLimb = signBit & 63;
        ulong x0 = value.U0, x1 = value.U1, x2 = value.U2, x3 = value.U3;
        ulong limb = limbIndex switch
        {
            0 => x0,
            1 => x1,
            2 => x2,
            _ => x3,
        };

        ulong fill = 0UL - ((limb >> bitInLimb) & 1);
        ulong keep = ulong.MaxValue >> (63 - bitInLimb);
        ulong mixed = (limb & keep) | (fill & ~keep);
        res = limbIndex switch
        {
            0 => new UInt256(mixed, fill, fill, fill),
            1 => new UInt256(x0, mixed, fill, fill),
            2 => new UInt256(x0, x1, mixed, fill),
            _ => new UInt256(x0, x1, x2, mixed),
        };
    }

    /// <summary>Operator form of <see cref="And"/>.</summary>
    public static UInt256 operator &(in UInt256 a, in UInt256 b)
    {
        And(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Or"/>.</summary>
    public static UInt256 operator |(in UInt256 a, in UInt256 b)
    {
        Or(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Xor"/>.</summary>
    public static UInt256 operator ^(in UInt256 a, in UInt256 b)
    {
        Xor(in a, in b, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="Not"/>.</summary>
    public static UInt256 operator ~(in UInt256 a)
    {
        Not(in a, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="ShiftLeft(in UInt256, int, out UInt256)"/>.</summary>
    public static UInt256 operator <<(in UInt256 a, int shift)
    {
        ShiftLeft(in a, shift, out UInt256 r);
        return r;
    }

    /// <summary>Operator form of <see cref="ShiftRight(in UInt256, int, out UInt256)"/>.</summary>
    public static UInt256 operator >>(in UInt256 a, int shift)
    {
        ShiftRight(in a, shift, out UInt256 r);
        return r;
    }
}
