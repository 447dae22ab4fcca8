using System.Buffers.Binary;
using System.Numerics;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// MODEXP pricing: EIP-198 (Byzantium) and EIP-2565 (Berlin). Lengths are 256-bit words, so the
/// arithmetic runs in 128 bits and saturates at <see cref="long.MaxValue"/>: no length can make it
/// overflow or allocate.
/// </summary>
internal static class ModExpGas
{
    /// <summary>Stands for a length word of 2^128 or more: far beyond anything that could be paid for.</summary>
    internal static readonly UInt128 Huge = UInt128.MaxValue;

    private static readonly UInt128 LongMax = (UInt128)(ulong)long.MaxValue;

    /// <summary>Gas for an EIP-198 input; <paramref name="eip2565"/> selects the Berlin formula.</summary>
    public static long Compute(ReadOnlySpan<byte> input, bool eip2565)
    {
        UInt128 baseLen = ReadLength(input, 0);
        UInt128 expLen = ReadLength(input, 32);
        UInt128 modLen = ReadLength(input, 64);

        UInt128 maxLen = baseLen > modLen ? baseLen : modLen;
        // From 2^64 bytes up the multiplication complexity alone exceeds 2^120, far past long range.
        if (maxLen > ulong.MaxValue) return long.MaxValue;

        UInt128 complexity = eip2565 ? Berlin(maxLen) : Byzantium(maxLen);
        if (complexity == 0) return eip2565 ? 200 : 0;

        UInt128 iterations = AdjustedExponentLength(input, baseLen, expLen);
        if (iterations == 0) iterations = 1;
        if (iterations > UInt128.MaxValue / complexity) return long.MaxValue;

        UInt128 gas = complexity * iterations / (eip2565 ? 3u : 20u);
        if (gas > LongMax) return long.MaxValue;
        if (eip2565 && gas < 200) return 200;
        return (long)(ulong)gas;
    }

    /// <summary>EIP-198 multiplication complexity; x below 2^64, so every term fits in 128 bits.</summary>
    private static UInt128 Byzantium(UInt128 x)
    {
        UInt128 square = x * x;
        if (x <= 64) return square;
        if (x <= 1024) return square / 4 + 96 * x - 3072;
        return square / 16 + 480 * x - 199680;
    }

    /// <summary>EIP-2565 multiplication complexity: the square of the length in 8-byte words.</summary>
    private static UInt128 Berlin(UInt128 x)
    {
        UInt128 words = (x + 7) / 8;
        return words * words;
    }

    /// <summary>
    /// EIP-198 adjusted exponent length: the bit index of the highest set bit of the exponent's first
    /// 32 bytes, plus 8 per exponent byte beyond 32. Saturates to <see cref="Huge"/>.
    /// </summary>
    private static UInt128 AdjustedExponentLength(ReadOnlySpan<byte> input, UInt128 baseLen, UInt128 expLen)
    {
        int headLength = expLen > 32 ? 32 : (int)expLen;
        int highestBit = HighestBitOfExponentHead(input, baseLen, headLength);
        if (expLen <= 32) return (UInt128)(uint)highestBit;
        UInt128 extraBytes = expLen - 32;
        if (extraBytes > (Huge - 256) / 8) return Huge;
        return extraBytes * 8 + (uint)highestBit;
    }

    /// <summary>Index of the top set bit of the exponent's first <paramref name="headLength"/> bytes, 0 when they are all zero.</summary>
    private static int HighestBitOfExponentHead(ReadOnlySpan<byte> input, UInt128 baseLen, int headLength)
    {
        // The exponent starts after the 96-byte header and the base; reads past the input end are zero.
        if (headLength == 0 || baseLen >= (UInt128)input.Length) return 0;
        long start = 96 + (long)(ulong)baseLen;
        for (int i = 0; i < headLength; i++)
        {
            long at = start + i;
            if (at >= input.Length) return 0;
            byte b = input[(int)at];
            if (b != 0) return (headLength - 1 - i) * 8 + BitOperations.Log2(b);
        }
        return 0;
    }

    /// <summary>Reads a 32-byte big-endian length word at <paramref name="offset"/> (zero past the input end).</summary>
    internal static UInt128 ReadLength(ReadOnlySpan<byte> input, int offset)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        if (offset < input.Length)
        {
            ReadOnlySpan<byte> available = input[offset..];
            available[..Math.Min(32, available.Length)].CopyTo(word);
        }
        if (word[..16].ContainsAnyExcept((byte)0)) return Huge;
        return new UInt128(
            BinaryPrimitives.ReadUInt64BigEndian(word[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(word[24..]));
    }
}
