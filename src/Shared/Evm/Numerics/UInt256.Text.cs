using System.Globalization;

namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    // 10^19 is the largest power of ten below 2^64, so decimal text is handled 19 digits at a time.
    private const ulong DecimalChunk = 10_000_000_000_000_000_000;
    private const int DecimalChunkDigits = 19;

    /// <summary>
    /// Parses "0x"-prefixed hexadecimal (up to 64 significant digits; "0x" alone is 0) or plain decimal.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid number or does not fit in 256 bits.</exception>
    public static UInt256 Parse(string text)
    {
        if (!TryParseCore(text, out UInt256 value, out string reason))
        {
            throw new FormatException($"Cannot parse \"{text}\" as a 256-bit unsigned integer: {reason}.");
        }

        return value;
    }

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string text, out UInt256 value) => TryParseCore(text, out value, out _);

    private static bool TryParseCore(string? text, out UInt256 value, out string reason)
    {
        value = default;
        if (text is null)
        {
            reason = "null";
            return false;
        }

        ReadOnlySpan<char> s = text;
        if (s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            return TryParseHex(s.Slice(2), out value, out reason);
        }

        return TryParseDecimal(s, out value, out reason);
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out UInt256 value, out string reason)
    {
        value = default;
        foreach (char c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                reason = $"'{c}' is not a hex digit";
                return false;
            }
        }

        // Leading zeros carry no value; what remains must fit in 64 nibbles.
        digits = digits.TrimStart('0');
        if (digits.Length > 64)
        {
            reason = "more than 64 significant hex digits";
            return false;
        }

        Span<ulong> limbs = stackalloc ulong[4];
        limbs.Clear();
        for (int k = 0; k < digits.Length; k++)
        {
            char c = digits[digits.Length - 1 - k];
            ulong nibble = (ulong)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            limbs[k >> 4] |= nibble << ((k & 15) << 2);
        }

        value = new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
        reason = string.Empty;
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> digits, out UInt256 value, out string reason)
    {
        value = default;
        if (digits.IsEmpty)
        {
            reason = "empty";
            return false;
        }

        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                reason = $"'{c}' is not a decimal digit";
                return false;
            }
        }

        UInt256 acc = default;
        int first = digits.Length % DecimalChunkDigits;
        int start = 0;
        int width = first == 0 ? DecimalChunkDigits : first;
        while (start < digits.Length)
        {
            ulong chunk = 0;
            ulong scale = 1;
            foreach (char c in digits.Slice(start, width))
            {
                chunk = chunk * 10 + (ulong)(c - '0');
                scale *= 10;
            }

            bool overflow = MultiplyOverflow(in acc, new UInt256(scale), out acc);
            overflow |= AddOverflow(in acc, new UInt256(chunk), out acc);
            if (overflow)
            {
                reason = "value exceeds 2^256 - 1";
                return false;
            }

            start += width;
            width = DecimalChunkDigits;
        }

        value = acc;
        reason = string.Empty;
        return true;
    }

    /// <summary>Decimal representation.</summary>
    public override string ToString()
    {
        if (FitsInULong)
        {
            return U0.ToString(CultureInfo.InvariantCulture);
        }

        Span<char> buffer = stackalloc char[80];
        int pos = buffer.Length;
        UInt256 x = this;
        while (!x.FitsInULong)
        {
            ulong chunk = DivRemByLimb(in x, DecimalChunk, out x);
            for (int i = 0; i < DecimalChunkDigits; i++)
            {
                buffer[--pos] = (char)('0' + (int)(chunk % 10));
                chunk /= 10;
            }
        }

        ulong top = x.U0;
        while (top != 0)
        {
            buffer[--pos] = (char)('0' + (int)(top % 10));
            top /= 10;
        }

        return new string(buffer.Slice(pos));
    }

    /// <summary>"0x" followed by the minimal lowercase hexadecimal digits ("0x0" for zero).</summary>
    public string ToHexString()
    {
        int nibbles = Math.Max(1, (BitLength + 3) >> 2);
        Span<char> buffer = stackalloc char[66];
        buffer[0] = '0';
        buffer[1] = 'x';
        for (int k = 0; k < nibbles; k++)
        {
            ulong limb = (k >> 4) switch
            {
                0 => U0,
                1 => U1,
                2 => U2,
                _ => U3,
            };
            int nibble = (int)((limb >> ((k & 15) << 2)) & 0xF);
            buffer[1 + nibbles - k] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }

        return new string(buffer.Slice(0, 2 + nibbles));
    }
}
