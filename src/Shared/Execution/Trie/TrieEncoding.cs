using System.Runtime.CompilerServices;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// RLP of trie nodes, written straight into a span with lengths computed first (no list back-patching).
/// A child reference is 32 bytes for a hash (written as a 33-byte string), 1..31 bytes for an embedded
/// node (copied raw: it is already an RLP list), or 0 for an empty slot (written as 0x80).
/// </summary>
internal static class TrieEncoding
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RefItemLength(int refLength) => refLength == 32 ? 33 : refLength == 0 ? 1 : refLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteRefItem(Span<byte> destination, ReadOnlySpan<byte> reference)
    {
        if (reference.Length == 32)
        {
            destination[0] = 0xa0;
            reference.CopyTo(destination[1..]);
            return 33;
        }
        if (reference.IsEmpty)
        {
            destination[0] = RlpEncoding.EmptyString;
            return 1;
        }
        reference.CopyTo(destination);
        return reference.Length;
    }

    /// <summary>Encoded size of a leaf ([hp, value]) whose path has <paramref name="pathNibbles"/> nibbles.</summary>
    public static int LeafLength(int pathNibbles, ReadOnlySpan<byte> value) =>
        RlpEncoding.LengthOfList(PathItemLength(pathNibbles) + RlpEncoding.LengthOfBytes(value));

    /// <summary>Encoded size of an extension ([hp, childRef]).</summary>
    public static int ExtensionLength(int pathNibbles, int childRefLength) =>
        RlpEncoding.LengthOfList(PathItemLength(pathNibbles) + RefItemLength(childRefLength));

    /// <summary>Writes a leaf whose path is nibbles <paramref name="start"/>..<paramref name="end"/> of <paramref name="key"/>.</summary>
    public static int WriteLeaf(Span<byte> destination, ReadOnlySpan<byte> key, int start, int end, ReadOnlySpan<byte> value)
    {
        int pathNibbles = end - start;
        int p = RlpEncoding.WriteListHeader(destination, PathItemLength(pathNibbles) + RlpEncoding.LengthOfBytes(value));
        p += WritePathHeader(destination[p..], pathNibbles);
        p += HexPrefix.EncodeKeyRange(key, start, end, isLeaf: true, destination[p..]);
        p += RlpEncoding.WriteBytes(destination[p..], value);
        return p;
    }

    /// <summary>Writes an extension whose path is a key's nibble range.</summary>
    public static int WriteExtension(Span<byte> destination, ReadOnlySpan<byte> key, int start, int end, ReadOnlySpan<byte> childRef)
    {
        int pathNibbles = end - start;
        int p = RlpEncoding.WriteListHeader(destination, PathItemLength(pathNibbles) + RefItemLength(childRef.Length));
        p += WritePathHeader(destination[p..], pathNibbles);
        p += HexPrefix.EncodeKeyRange(key, start, end, isLeaf: false, destination[p..]);
        p += WriteRefItem(destination[p..], childRef);
        return p;
    }

    /// <summary>Writes an extension whose path is given one nibble per byte.</summary>
    public static int WriteExtension(Span<byte> destination, ReadOnlySpan<byte> nibbles, ReadOnlySpan<byte> childRef)
    {
        int p = RlpEncoding.WriteListHeader(destination, PathItemLength(nibbles.Length) + RefItemLength(childRef.Length));
        p += WritePathHeader(destination[p..], nibbles.Length);
        p += HexPrefix.EncodeNibbles(nibbles, isLeaf: false, destination[p..]);
        p += WriteRefItem(destination[p..], childRef);
        return p;
    }

    /// <summary>Turns a node's RLP into its reference: itself when shorter than 32 bytes, else its keccak.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MakeRef(ReadOnlySpan<byte> encoding, Span<byte> reference32)
    {
        if (encoding.Length < 32)
        {
            encoding.CopyTo(reference32);
            return encoding.Length;
        }
        Keccak256.Compute(encoding, reference32);
        return 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PathItemLength(int pathNibbles)
    {
        int hpLength = HexPrefix.EncodedLength(pathNibbles);
        // A one-byte path (flag byte 0x00/0x1X/0x20/0x3X, all below 0x80) is its own RLP encoding.
        return hpLength == 1 ? 1 : RlpEncoding.LengthOfHeader(hpLength) + hpLength;
    }

    private static int WritePathHeader(Span<byte> destination, int pathNibbles)
    {
        int hpLength = HexPrefix.EncodedLength(pathNibbles);
        return hpLength == 1 ? 0 : RlpEncoding.WriteStringHeader(destination, hpLength);
    }
}
