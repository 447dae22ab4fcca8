using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>EVM EXP: b^e mod 2^256 (0^0 = 1).</summary>
    public static void Exp(in UInt256 b, in UInt256 e, out UInt256 res)
    {
        if (e.FitsInULong && e.U0 <= 1)
        {
            // Read b before writing res: they may be the same variable.
            res = e.U0 == 0 ? One : b;
            return;
        }

        if (b.FitsInULong && b.U0 <= 1)
        {
            res = b;
            return;
        }

        // A base with tz trailing zero bits makes b^e a multiple of 2^(tz*e), which vanishes mod 2^256
        // once tz*e >= 256; a power-of-two base is then just a shift.
        int tz = TrailingZeroCount(in b);
        if (tz != 0)
        {
            if (!e.FitsInULong || e.U0 >= 256 || (ulong)tz * e.U0 >= 256)
            {
                res = default;
                return;
            }

            if (IsPowerOfTwo(in b))
            {
                ShiftLeftOne(tz * (int)e.U0, out res);
                return;
            }
        }

        if (b.FitsInULong)
        {
            ExpSmallBase(b.U0, in e, out res);
            return;
        }

        ExpWindowed(in b, in e, out res);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftLeftOne(int shift, out UInt256 res)
    {
        ulong bit = 1UL << (shift & 63);
        res = (shift >> 6) switch
        {
            0 => new UInt256(bit),
            1 => new UInt256(0, bit),
            2 => new UInt256(0, 0, bit),
            _ => new UInt256(0, 0, 0, bit),
        };
    }

    /// <summary>Bit i of x (0 &lt;= i &lt; 256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong GetBit(in UInt256 x, int i)
    {
        ulong limb = (i >> 6) switch
        {
            0 => x.U0,
            1 => x.U1,
            2 => x.U2,
            _ => x.U3,
        };
        return (limb >> (i & 63)) & 1;
    }

    /// <summary>Left-to-right square-and-multiply where each multiply is by a single limb.</summary>
    private static void ExpSmallBase(ulong b, in UInt256 e, out UInt256 res)
    {
        int bits = e.BitLength;
        UInt256 r = new(b);
        for (int i = bits - 2; i >= 0; i--)
        {
            Square(in r, out r);
            if (GetBit(in e, i) != 0)
            {
                MultiplyByLimb(in r, b, out r);
            }
        }

        res = r;
    }

    /// <summary>Sliding-window exponentiation with odd powers b, b^3, ..., b^15 precomputed.</summary>
    [SkipLocalsInit]
    private static void ExpWindowed(in UInt256 b, in UInt256 e, out UInt256 res)
    {
        const int window = 4;
        Span<UInt256> odd = stackalloc UInt256[1 << (window - 1)];
        odd[0] = b;
        Square(in b, out UInt256 b2);
        for (int k = 1; k < odd.Length; k++)
        {
            Multiply(in odd[k - 1], in b2, out odd[k]);
        }

        int i = e.BitLength - 1;
        UInt256 r = One;
        bool started = false;
        while (i >= 0)
        {
            if (GetBit(in e, i) == 0)
            {
                if (started) Square(in r, out r);
                i--;
                continue;
            }

            // Take the longest window ending in a set bit, at most `window` bits long.
            int low = Math.Max(i - window + 1, 0);
            while (GetBit(in e, low) == 0)
            {
                low++;
            }

            int width = i - low + 1;
            int digit = (int)(ExtractBits(in e, low, width));
            if (started)
            {
                for (int k = 0; k < width; k++)
                {
                    Square(in r, out r);
                }

                Multiply(in r, in odd[digit >> 1], out r);
            }
            else
            {
                r = odd[digit >> 1];
                started = true;
            }

            i = low - 1;
        }

        res = r;
    }

    /// <summary>width (1..8) bits of x starting at bit low.</summary>
    private static ulong ExtractBits(in UInt256 x, int low, int width)
    {
        ulong v = 0;
        for (int k = width - 1; k >= 0; k--)
        {
            v = (v << 1) | GetBit(in x, low + k);
        }

        return v;
    }
}
