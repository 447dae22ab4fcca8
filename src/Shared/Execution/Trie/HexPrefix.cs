using System.Runtime.CompilerServices;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// Nibble access and the hex-prefix (compact) path encoding of Yellow Paper appendix C: the first nibble
/// carries the node kind (leaf +2) and odd length (+1); an even-length path gets a zero pad nibble.
/// </summary>
public static class HexPrefix
{
    /// <summary>Nibble <paramref name="index"/> of <paramref name="key"/>, high nibble first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Nibble(ReadOnlySpan<byte> key, int index) => (key[index >> 1] >> ((~index & 1) << 2)) & 0xF;

    /// <summary>Encoded size of a path of <paramref name="nibbleCount"/> nibbles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EncodedLength(int nibbleCount) => 1 + (nibbleCount >> 1);

    /// <summary>Encodes nibbles <paramref name="start"/>..<paramref name="end"/> of <paramref name="key"/>; returns bytes written.</summary>
    public static int EncodeKeyRange(ReadOnlySpan<byte> key, int start, int end, bool isLeaf, Span<byte> destination)
    {
        int flag = isLeaf ? 2 : 0;
        if (((end - start) & 1) == 1)
        {
            destination[0] = (byte)(((flag | 1) << 4) | Nibble(key, start));
            start++;
        }
        else
        {
            destination[0] = (byte)(flag << 4);
        }

        int pairs = (end - start) >> 1;
        if ((start & 1) == 0)
        {
            // Remaining nibbles are byte-aligned in the key: copy whole bytes.
            key.Slice(start >> 1, pairs).CopyTo(destination[1..]);
        }
        else
        {
            for (int i = 0; i < pairs; i++, start += 2)
                destination[1 + i] = (byte)((Nibble(key, start) << 4) | Nibble(key, start + 1));
        }
        return 1 + pairs;
    }

    /// <summary>Encodes a path given one nibble per byte; returns bytes written.</summary>
    public static int EncodeNibbles(ReadOnlySpan<byte> nibbles, bool isLeaf, Span<byte> destination)
    {
        int flag = isLeaf ? 2 : 0;
        int i = 0;
        if ((nibbles.Length & 1) == 1)
        {
            destination[0] = (byte)(((flag | 1) << 4) | nibbles[0]);
            i = 1;
        }
        else
        {
            destination[0] = (byte)(flag << 4);
        }
        int o = 1;
        for (; i < nibbles.Length; i += 2) destination[o++] = (byte)((nibbles[i] << 4) | nibbles[i + 1]);
        return o;
    }

    /// <summary>Encodes a nibble path (one nibble per byte) as a new array.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> nibbles, bool isLeaf)
    {
        var result = new byte[EncodedLength(nibbles.Length)];
        EncodeNibbles(nibbles, isLeaf, result);
        return result;
    }

    /// <summary>Decodes a hex-prefix path into nibbles (one per byte) and its leaf flag.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> encoded, out bool isLeaf)
    {
        if (encoded.IsEmpty) throw new FormatException("hex-prefix path is empty");
        int flag = encoded[0] >> 4;
        if (flag > 3) throw new FormatException($"hex-prefix flag nibble {flag} is not 0..3");
        bool odd = (flag & 1) == 1;
        if (!odd && (encoded[0] & 0xF) != 0) throw new FormatException("hex-prefix pad nibble is not zero");
        isLeaf = (flag & 2) != 0;
        var nibbles = new byte[(encoded.Length - 1) * 2 + (odd ? 1 : 0)];
        int o = 0;
        if (odd) nibbles[o++] = (byte)(encoded[0] & 0xF);
        for (int i = 1; i < encoded.Length; i++)
        {
            nibbles[o++] = (byte)(encoded[i] >> 4);
            nibbles[o++] = (byte)(encoded[i] & 0xF);
        }
        return nibbles;
    }
}
