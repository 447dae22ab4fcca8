using System.Globalization;
using System.Numerics;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>Conversions between <see cref="BigInteger"/> and little-endian 64-bit limbs, for constants and tests.</summary>
internal static class Limbs
{
    public static BigInteger ToBigInteger(ReadOnlySpan<ulong> limbs)
    {
        BigInteger v = BigInteger.Zero;
        for (int i = limbs.Length - 1; i >= 0; i--) v = (v << 64) | limbs[i];
        return v;
    }

    public static void FromBigInteger(BigInteger value, Span<ulong> limbs)
    {
        if (value.Sign < 0 || value.GetBitLength() > limbs.Length * 64)
            throw new ArgumentOutOfRangeException(nameof(value));
        for (int i = 0; i < limbs.Length; i++)
        {
            limbs[i] = (ulong)(value & ulong.MaxValue);
            value >>= 64;
        }
    }

    public static ulong[] FromBigIntegerArray(BigInteger value, int count)
    {
        var limbs = new ulong[count];
        FromBigInteger(value, limbs);
        return limbs;
    }

    /// <summary>Parses unsigned hex, with or without 0x.</summary>
    public static BigInteger ParseHex(string hex)
    {
        ReadOnlySpan<char> s = hex.AsSpan().Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = s[2..];
        // A leading zero keeps the top digit from being read as a sign bit.
        return BigInteger.Parse("0" + s.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
