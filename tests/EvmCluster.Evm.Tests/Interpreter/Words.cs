using System.Numerics;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>Readable 256-bit test values.</summary>
public static class Words
{
    public static readonly UInt256 Max = UInt256.MaxValue;
    /// <summary>-2^255, the smallest signed word.</summary>
    public static readonly UInt256 MinSigned = Pow2(255);
    /// <summary>2^255 - 1, the largest signed word.</summary>
    public static readonly UInt256 MaxSigned = Pow2(255) - UInt256.One;

    public static UInt256 Hex(string hex) => UInt256.Parse(hex.StartsWith("0x") ? hex : "0x" + hex);

    public static UInt256 Pow2(int exponent) => UInt256.FromBigInteger(BigInteger.One << exponent);

    /// <summary>Two's complement of <paramref name="value"/> as a word.</summary>
    public static UInt256 Neg(long value) => UInt256.FromBigInteger(-new BigInteger(value));

    public static UInt256 Of(long value) => UInt256.FromBigInteger(value);

    /// <summary>
    /// Test-table notation: "max", "min" (−2^255), "2^N", "-N" (two's complement), "0x…" or decimal.
    /// </summary>
    public static UInt256 Parse(string text) => text switch
    {
        "max" => Max,
        "min" => MinSigned,
        _ when text.StartsWith("2^") => Pow2(int.Parse(text[2..])),
        _ when text.StartsWith('-') => UInt256.FromBigInteger(-BigInteger.Parse(text[1..])),
        _ => UInt256.Parse(text),
    };
}
