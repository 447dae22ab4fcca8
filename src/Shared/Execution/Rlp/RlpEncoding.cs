using System.Numerics;
using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Rlp;

/// <summary>
/// Recursive Length Prefix encoding primitives: exact encoded lengths, span writers that return the
/// number of bytes written, and array-returning conveniences. Integers are unsigned and minimal
/// big-endian (zero is the empty string 0x80).
/// </summary>
public static class RlpEncoding
{
    /// <summary>Encoding of the empty byte string (and of the integer zero).</summary>
    public const byte EmptyString = 0x80;

    /// <summary>Encoding of the empty list.</summary>
    public const byte EmptyList = 0xc0;

    /// <summary>Encoded size of a 32-byte string (hashes inside accounts and nodes).</summary>
    private const int HashItemLength = 33;

    // ---- lengths -------------------------------------------------------------------------------

    /// <summary>Number of bytes needed for the big-endian form of <paramref name="value"/> (0 for zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ByteCount(ulong value) => (64 - BitOperations.LeadingZeroCount(value) + 7) >> 3;

    /// <summary>Header size for a string or list whose payload is <paramref name="payloadLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfHeader(int payloadLength) => payloadLength < 56 ? 1 : 1 + ByteCount((ulong)payloadLength);

    /// <summary>Encoded size of a byte string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < 0x80 ? 1 : LengthOfHeader(value.Length) + value.Length;

    /// <summary>Encoded size of a list with the given payload size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfList(int payloadLength) => LengthOfHeader(payloadLength) + payloadLength;

    /// <summary>Encoded size of an unsigned integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOf(ulong value) => value < 0x80 ? 1 : 1 + ByteCount(value);

    /// <summary>Encoded size of a non-negative integer.</summary>
    public static int LengthOf(long value) => LengthOf(CheckNonNegative(value));

    /// <summary>Encoded size of a big-endian unsigned integer (leading zero bytes are not encoded).</summary>
    public static int LengthOfUInt(ReadOnlySpan<byte> bigEndian) => LengthOfBytes(TrimLeadingZeros(bigEndian));

    /// <summary>Encoded size of a 256-bit unsigned integer.</summary>
    public static int LengthOf(in UInt256 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.ToBigEndian(word);
        return LengthOfUInt(word);
    }

    /// <summary>Encoded size of an address (always 21).</summary>
    public static int LengthOf(Address _) => 1 + Address.Size;

    /// <summary>Encoded size of a hash (always 33).</summary>
    public static int LengthOf(Hash256 _) => 1 + Hash256.Size;

    /// <summary>The span without its leading zero bytes.</summary>
    public static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> bigEndian)
    {
        int i = bigEndian.IndexOfAnyExcept((byte)0);
        return i < 0 ? ReadOnlySpan<byte>.Empty : bigEndian[i..];
    }

    // ---- span writers: each returns the number of bytes written --------------------------------

    /// <summary>Writes the header of a byte string of <paramref name="length"/> bytes (not for single bytes below 0x80).</summary>
    public static int WriteStringHeader(Span<byte> destination, int length) => WriteHeader(destination, length, 0x80);

    /// <summary>Writes the header of a list whose payload is <paramref name="payloadLength"/> bytes.</summary>
    public static int WriteListHeader(Span<byte> destination, int payloadLength) => WriteHeader(destination, payloadLength, 0xc0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteHeader(Span<byte> destination, int length, byte shortBase)
    {
        if (length < 56)
        {
            destination[0] = (byte)(shortBase + length);
            return 1;
        }
        int n = ByteCount((ulong)length);
        destination[0] = (byte)(shortBase + 55 + n);
        WriteBigEndian(destination.Slice(1, n), (ulong)length);
        return 1 + n;
    }

    /// <summary>Writes a byte string.</summary>
    public static int WriteBytes(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            destination[0] = value[0];
            return 1;
        }
        int h = WriteHeader(destination, value.Length, 0x80);
        value.CopyTo(destination[h..]);
        return h + value.Length;
    }

    /// <summary>Writes an unsigned integer in minimal big-endian form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteULong(Span<byte> destination, ulong value)
    {
        if (value < 0x80)
        {
            destination[0] = value == 0 ? EmptyString : (byte)value;
            return 1;
        }
        int n = ByteCount(value);
        destination[0] = (byte)(0x80 + n);
        WriteBigEndian(destination.Slice(1, n), value);
        return 1 + n;
    }

    /// <summary>Writes a non-negative integer.</summary>
    public static int WriteLong(Span<byte> destination, long value) => WriteULong(destination, CheckNonNegative(value));

    /// <summary>Writes a big-endian unsigned integer, dropping its leading zero bytes.</summary>
    public static int WriteUInt(Span<byte> destination, ReadOnlySpan<byte> bigEndian) => WriteBytes(destination, TrimLeadingZeros(bigEndian));

    /// <summary>Writes a 256-bit unsigned integer in minimal big-endian form.</summary>
    public static int WriteUInt256(Span<byte> destination, in UInt256 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.ToBigEndian(word);
        return WriteUInt(destination, word);
    }

    /// <summary>Writes a 20-byte address string.</summary>
    public static int WriteAddress(Span<byte> destination, Address address)
    {
        destination[0] = 0x80 + Address.Size;
        address.WriteTo(destination.Slice(1, Address.Size));
        return 1 + Address.Size;
    }

    /// <summary>Writes a 32-byte hash string.</summary>
    public static int WriteHash(Span<byte> destination, Hash256 hash)
    {
        destination[0] = 0x80 + Hash256.Size;
        hash.WriteTo(destination.Slice(1, Hash256.Size));
        return 1 + Hash256.Size;
    }

    // ---- accounts: the hottest encoding of the state trie ---------------------------------------

    /// <summary>Encoded size of the account [nonce, balance, storageRoot, codeHash].</summary>
    public static int LengthOfAccount(ulong nonce, ReadOnlySpan<byte> balanceBigEndian) =>
        LengthOfList(LengthOf(nonce) + LengthOfUInt(balanceBigEndian) + 2 * HashItemLength);

    /// <summary>Writes the account [nonce, balance, storageRoot, codeHash]; the balance is big-endian (any width).</summary>
    public static int WriteAccount(Span<byte> destination, ulong nonce, ReadOnlySpan<byte> balanceBigEndian, Hash256 storageRoot, Hash256 codeHash)
    {
        ReadOnlySpan<byte> balance = TrimLeadingZeros(balanceBigEndian);
        int payload = LengthOf(nonce) + LengthOfBytes(balance) + 2 * HashItemLength;
        int p = WriteListHeader(destination, payload);
        p += WriteULong(destination[p..], nonce);
        p += WriteBytes(destination[p..], balance);
        p += WriteHash(destination[p..], storageRoot);
        p += WriteHash(destination[p..], codeHash);
        return p;
    }

    /// <summary>The account [nonce, balance, storageRoot, codeHash] as a new array.</summary>
    public static byte[] EncodeAccount(ulong nonce, ReadOnlySpan<byte> balanceBigEndian, Hash256 storageRoot, Hash256 codeHash)
    {
        var result = new byte[LengthOfAccount(nonce, balanceBigEndian)];
        WriteAccount(result, nonce, balanceBigEndian, storageRoot, codeHash);
        return result;
    }

    /// <summary>Encoded size of the account [nonce, balance, storageRoot, codeHash].</summary>
    public static int LengthOfAccount(ulong nonce, in UInt256 balance)
    {
        Span<byte> word = stackalloc byte[32];
        balance.ToBigEndian(word);
        return LengthOfAccount(nonce, word);
    }

    /// <summary>Writes the account [nonce, balance, storageRoot, codeHash].</summary>
    public static int WriteAccount(Span<byte> destination, ulong nonce, in UInt256 balance, Hash256 storageRoot, Hash256 codeHash)
    {
        Span<byte> word = stackalloc byte[32];
        balance.ToBigEndian(word);
        return WriteAccount(destination, nonce, word, storageRoot, codeHash);
    }

    /// <summary>The account [nonce, balance, storageRoot, codeHash] as a new array.</summary>
    public static byte[] EncodeAccount(ulong nonce, in UInt256 balance, Hash256 storageRoot, Hash256 codeHash)
    {
        Span<byte> word = stackalloc byte[32];
        balance.ToBigEndian(word);
        return EncodeAccount(nonce, word, storageRoot, codeHash);
    }

    // ---- array conveniences ----------------------------------------------------------------------

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        var result = new byte[LengthOfBytes(value)];
        WriteBytes(result, value);
        return result;
    }

    /// <summary>Encodes an unsigned integer.</summary>
    public static byte[] EncodeULong(ulong value)
    {
        var result = new byte[LengthOf(value)];
        WriteULong(result, value);
        return result;
    }

    /// <summary>Encodes a non-negative integer.</summary>
    public static byte[] EncodeLong(long value) => EncodeULong(CheckNonNegative(value));

    /// <summary>Encodes a big-endian unsigned integer.</summary>
    public static byte[] EncodeUInt(ReadOnlySpan<byte> bigEndian) => EncodeBytes(TrimLeadingZeros(bigEndian));

    /// <summary>Encodes an address.</summary>
    public static byte[] EncodeAddress(Address address)
    {
        var result = new byte[1 + Address.Size];
        WriteAddress(result, address);
        return result;
    }

    /// <summary>Encodes a hash.</summary>
    public static byte[] EncodeHash(Hash256 hash)
    {
        var result = new byte[1 + Hash256.Size];
        WriteHash(result, hash);
        return result;
    }

    /// <summary>Wraps already-encoded items in a list.</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        int payload = 0;
        foreach (var item in encodedItems) payload += item.Length;
        var result = new byte[LengthOfList(payload)];
        int p = WriteListHeader(result, payload);
        foreach (var item in encodedItems)
        {
            item.CopyTo(result, p);
            p += item.Length;
        }
        return result;
    }

    /// <summary>Writes the low <c>destination.Length</c> bytes of <paramref name="value"/>, most significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteBigEndian(Span<byte> destination, ulong value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }

    private static ulong CheckNonNegative(long value) =>
        value >= 0 ? (ulong)value : throw new ArgumentOutOfRangeException(nameof(value), value, "RLP integers are unsigned");
}
