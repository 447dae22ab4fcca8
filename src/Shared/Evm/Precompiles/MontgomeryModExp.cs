using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// base^exp mod m for odd moduli by Montgomery multiplication on 64-bit limbs with a sliding window:
/// several times faster than <see cref="BigInteger.ModPow"/> at the sizes contracts use. Even moduli
/// have no Montgomery form and are left to the caller.
/// </summary>
internal static class MontgomeryModExp
{
    /// <summary>
    /// Largest modulus (in 64-bit limbs, here 4 KiB) handled here. The lead over BigInteger shrinks with size
    /// (about 2x at 512 bytes, 1.35x at 2 KiB) as its sub-quadratic multiplication catches up.
    /// </summary>
    public const int MaxLimbs = 512;

    // Workspaces up to this many limbs live on the stack; larger ones are rented.
    private const int StackLimbs = 1024;

    /// <summary>
    /// Writes base^exp mod m, big-endian and right-aligned, into <paramref name="output"/> (which must be zeroed
    /// and at least as long as the significant bytes of m). False when m is even, m &lt;= 1 or too large:
    /// the caller then computes the result another way.
    /// </summary>
    public static unsafe bool TryModPow(ReadOnlySpan<byte> @base, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, Span<byte> output)
    {
        modulus = TrimLeadingZeros(modulus);
        if (modulus.Length == 0 || (modulus[^1] & 1) == 0) return false;
        if (modulus.Length == 1 && modulus[0] == 1) return false;
        int n = (modulus.Length + 7) / 8;
        if (n > MaxLimbs) return false;

        exponent = TrimLeadingZeros(exponent);
        @base = TrimLeadingZeros(@base);
        if (exponent.Length == 0)
        {
            output[^1] = 1; // x^0 = 1, and m > 1
            return true;
        }
        if (@base.Length == 0) return true; // 0^e = 0 for e > 0: output is already zero

        int topBit = (exponent.Length - 1) * 8 + BitOperations.Log2(exponent[0]);
        int window = topBit < 24 ? 1 : topBit < 80 ? 3 : topBit < 240 ? 4 : topBit < 672 ? 5 : 6;
        int tableSize = 1 << (window - 1);
        // m, R^2, base, result, scratch (n + 2), then the odd powers base^1, base^3, ... in Montgomery form.
        int needed = n * (5 + tableSize) + 2;

        ulong[]? rented = null;
        Span<ulong> work = needed <= StackLimbs ? stackalloc ulong[needed] : (rented = ArrayPool<ulong>.Shared.Rent(needed));
        try
        {
            work = work[..needed];
            work.Clear();
            Span<ulong> m = work[..n];
            Span<ulong> r2 = work.Slice(n, n);
            Span<ulong> x = work.Slice(2 * n, n);
            Span<ulong> acc = work.Slice(3 * n, n);

            ToLimbs(modulus, m);
            ulong mInv = NegativeInverse(m[0]);

            // R^2 mod m (R = 2^(64n)) brings numbers into Montgomery form; one division, done once per call.
            var modulusValue = new BigInteger(modulus, isUnsigned: true, isBigEndian: true);
            WriteBigInteger((BigInteger.One << (128 * n)) % modulusValue, r2);

            // Montgomery multiplication reduces any input below R, so only a base longer than m needs a division.
            if (@base.Length > 8 * n)
                WriteBigInteger(new BigInteger(@base, isUnsigned: true, isBigEndian: true) % modulusValue, x);
            else
                ToLimbs(@base, x);

            fixed (ulong* w = work)
            {
                ulong* pm = w, pr2 = w + n, px = w + 2 * n, pacc = w + 3 * n, pt = w + 4 * n, table = w + 5 * n + 2;

                Multiply(table, px, pr2, pm, mInv, pt, n);         // base * R
                if (tableSize > 1)
                {
                    Multiply(px, table, table, pm, mInv, pt, n);   // base^2 * R
                    for (int i = 1; i < tableSize; i++)
                        Multiply(table + i * n, table + (i - 1) * n, px, pm, mInv, pt, n);
                }

                // Left-to-right sliding window over the exponent bits.
                bool started = false;
                int bit = topBit;
                while (bit >= 0)
                {
                    if (!BitAt(exponent, bit))
                    {
                        if (started) Multiply(pacc, pacc, pacc, pm, mInv, pt, n);
                        bit--;
                        continue;
                    }
                    int low = Math.Max(bit - window + 1, 0);
                    while (!BitAt(exponent, low)) low++;
                    int value = 0;
                    for (int i = bit; i >= low; i--) value = (value << 1) | (BitAt(exponent, i) ? 1 : 0);
                    ulong* power = table + (value >> 1) * n;
                    if (started)
                    {
                        for (int i = bit; i >= low; i--) Multiply(pacc, pacc, pacc, pm, mInv, pt, n);
                        Multiply(pacc, pacc, power, pm, mInv, pt, n);
                    }
                    else
                    {
                        for (int i = 0; i < n; i++) pacc[i] = power[i];
                        started = true;
                    }
                    bit = low - 1;
                }

                // Out of Montgomery form: multiply by plain 1.
                for (int i = 0; i < n; i++) px[i] = 0;
                px[0] = 1;
                Multiply(pacc, pacc, px, pm, mInv, pt, n);
            }
            FromLimbs(acc, modulus.Length, output);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// result = a * b / R mod m (CIOS). Inputs need only be below R with one of them below m; result is fully
    /// reduced. <paramref name="result"/> may alias either input; <paramref name="t"/> is n + 2 limbs of scratch.
    /// </summary>
    private static unsafe void Multiply(ulong* result, ulong* a, ulong* b, ulong* m, ulong mInv, ulong* t, int n)
    {
        for (int j = 0; j < n + 2; j++) t[j] = 0;

        for (int i = 0; i < n; i++)
        {
            // t += a * b[i]
            ulong bi = b[i];
            ulong carry = 0;
            for (int j = 0; j < n; j++)
            {
                ulong hi = Math.BigMul(a[j], bi, out ulong lo);
                ulong tj = t[j];
                lo += tj;
                hi += lo < tj ? 1UL : 0UL;
                lo += carry;
                hi += lo < carry ? 1UL : 0UL;
                t[j] = lo;
                carry = hi;
            }
            ulong sum = t[n] + carry;
            t[n + 1] = sum < carry ? 1UL : 0UL;
            t[n] = sum;

            // t = (t + q * m) / 2^64, with q chosen so the low limb cancels.
            ulong t0 = t[0];
            ulong q = t0 * mInv;
            ulong hi0 = Math.BigMul(q, m[0], out ulong lo0);
            carry = hi0 + (lo0 + t0 < lo0 ? 1UL : 0UL);
            for (int j = 1; j < n; j++)
            {
                ulong hi = Math.BigMul(q, m[j], out ulong lo);
                ulong tj = t[j];
                lo += tj;
                hi += lo < tj ? 1UL : 0UL;
                lo += carry;
                hi += lo < carry ? 1UL : 0UL;
                t[j - 1] = lo;
                carry = hi;
            }
            sum = t[n] + carry;
            t[n - 1] = sum;
            t[n] = t[n + 1] + (sum < carry ? 1UL : 0UL);
        }

        // Here t < 2m: one conditional subtraction finishes the reduction.
        bool subtract = t[n] != 0;
        if (!subtract)
        {
            subtract = true; // t == m also subtracts
            for (int j = n - 1; j >= 0; j--)
            {
                if (t[j] != m[j])
                {
                    subtract = t[j] > m[j];
                    break;
                }
            }
        }
        if (subtract)
        {
            ulong borrow = 0;
            for (int j = 0; j < n; j++)
            {
                ulong tj = t[j], mj = m[j];
                result[j] = tj - mj - borrow;
                borrow = (tj < mj || (tj == mj && borrow != 0)) ? 1UL : 0UL;
            }
        }
        else
        {
            for (int j = 0; j < n; j++) result[j] = t[j];
        }
    }

    /// <summary>-m0^-1 mod 2^64 for odd m0, by Newton iteration (each step doubles the correct low bits).</summary>
    private static ulong NegativeInverse(ulong m0)
    {
        ulong inverse = m0; // correct to 3 bits for any odd m0
        for (int i = 0; i < 5; i++) inverse *= 2 - m0 * inverse;
        return 0 - inverse;
    }

    private static bool BitAt(ReadOnlySpan<byte> bigEndian, int bit) =>
        ((bigEndian[bigEndian.Length - 1 - (bit >> 3)] >> (bit & 7)) & 1) != 0;

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        int first = value.IndexOfAnyExcept((byte)0);
        return first < 0 ? [] : value[first..];
    }

    /// <summary>Big-endian bytes (at most 8 * limbs.Length of them) into little-endian limbs.</summary>
    private static void ToLimbs(ReadOnlySpan<byte> bigEndian, Span<ulong> limbs)
    {
        limbs.Clear();
        for (int i = 0; i < bigEndian.Length; i++)
        {
            int fromLow = bigEndian.Length - 1 - i;
            limbs[fromLow >> 3] |= (ulong)bigEndian[i] << ((fromLow & 7) * 8);
        }
    }

    /// <summary>The low <paramref name="byteCount"/> bytes of the limbs, big-endian, right-aligned in <paramref name="output"/>.</summary>
    private static void FromLimbs(ReadOnlySpan<ulong> limbs, int byteCount, Span<byte> output)
    {
        for (int k = 0; k < byteCount; k++)
            output[output.Length - 1 - k] = (byte)(limbs[k >> 3] >> ((k & 7) * 8));
    }

    /// <summary>A non-negative value below 2^(64 * limbs.Length) into little-endian limbs.</summary>
    private static void WriteBigInteger(BigInteger value, Span<ulong> limbs)
    {
        Span<byte> bytes = stackalloc byte[limbs.Length * 8];
        bytes.Clear();
        if (!value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
            throw new InvalidOperationException("a residue always fits in the modulus' limbs");
        for (int i = 0; i < limbs.Length; i++) limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
    }
}
