using System.Numerics;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>Signed-digit recodings of scalars, which cut the number of group additions in a multiplication.</summary>
public static class ScalarRecoding
{
    /// <summary>
    /// Width-w NAF of a little-endian scalar: odd digits in (-2^(w-1), 2^(w-1)), least significant first,
    /// any two non-zero digits at least w apart. Returns the digit count (0 for a zero scalar).
    /// </summary>
    public static int Wnaf(ReadOnlySpan<ulong> scalar, int width, Span<sbyte> digits)
    {
        // One spare limb absorbs the carry that a negative digit can push past the top.
        Span<ulong> k = stackalloc ulong[scalar.Length + 1];
        scalar.CopyTo(k);
        k[^1] = 0;
        ulong mask = (1UL << width) - 1;
        long half = 1L << (width - 1);
        int length = 0;
        while (!IsZero(k))
        {
            sbyte digit = 0;
            if ((k[0] & 1) != 0)
            {
                long d = (long)(k[0] & mask);
                k[0] &= ~mask; // k - d when d is the low window…
                if (d >= half)
                {
                    d -= 1L << width;
                    AddAt(k, 1UL << width); // …and k - d = k - low + 2^w for a negative digit
                }
                digit = (sbyte)d;
            }
            digits[length++] = digit;
            ShiftRightOne(k);
        }
        return length;
    }

    /// <summary>Plain NAF (width 2) of a positive integer, least significant digit first.</summary>
    public static sbyte[] Naf(BigInteger value)
    {
        var digits = new List<sbyte>();
        while (!value.IsZero)
        {
            sbyte d = 0;
            if (!value.IsEven)
            {
                d = (sbyte)(2 - (int)(value & 3));
                value -= d;
            }
            digits.Add(d);
            value >>= 1;
        }
        return [.. digits];
    }

    private static bool IsZero(ReadOnlySpan<ulong> k)
    {
        foreach (ulong limb in k) if (limb != 0) return false;
        return true;
    }

    private static void AddAt(Span<ulong> k, ulong value)
    {
        for (int i = 0; i < k.Length && value != 0; i++)
        {
            ulong s = k[i] + value;
            value = s < value ? 1UL : 0UL;
            k[i] = s;
        }
    }

    private static void ShiftRightOne(Span<ulong> k)
    {
        for (int i = 0; i < k.Length - 1; i++) k[i] = (k[i] >> 1) | (k[i + 1] << 63);
        k[^1] >>= 1;
    }
}
