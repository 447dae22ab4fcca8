using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvmCluster.Evm.Numerics;

/// <summary>
/// A 256-bit unsigned integer, the EVM word. Stored as four 64-bit limbs, <see cref="U0"/> least significant.
/// </summary>
/// <remarks>
/// All arithmetic wraps modulo 2^256 unless the member name says otherwise. The signed members treat the
/// value as two's complement, as the EVM does. Hot members take <c>in</c> and return through <c>out</c>
/// so that 32-byte values are not copied; operators are provided for convenience in colder code.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly partial struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    /// <summary>Least significant limb (bits 0..63).</summary>
    public readonly ulong U0;
    /// <summary>Bits 64..127.</summary>
    public readonly ulong U1;
    /// <summary>Bits 128..191.</summary>
    public readonly ulong U2;
    /// <summary>Most significant limb (bits 192..255).</summary>
    public readonly ulong U3;

    /// <summary>0.</summary>
    public static readonly UInt256 Zero = default;
    /// <summary>1.</summary>
    public static readonly UInt256 One = new(1);
    /// <summary>2^256 - 1.</summary>
    public static readonly UInt256 MaxValue = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>Builds a value from its limbs, least significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        U0 = u0;
        U1 = u1;
        U2 = u2;
        U3 = u3;
    }

    /// <summary>Reads 0..32 big-endian bytes; shorter input is treated as left-padded with zeros.</summary>
    /// <exception cref="ArgumentException">More than 32 bytes.</exception>
    public UInt256(ReadOnlySpan<byte> bigEndian)
    {
        if (bigEndian.Length == 32)
        {
            U3 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian);
            U2 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian.Slice(8));
            U1 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian.Slice(16));
            U0 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian.Slice(24));
            return;
        }

        if (bigEndian.Length > 32)
        {
            throw new ArgumentException($"Expected at most 32 bytes, got {bigEndian.Length}.", nameof(bigEndian));
        }

        // Left-pad into a 32-byte scratch buffer so one code path reads all four limbs.
        Span<byte> padded = stackalloc byte[32];
        padded.Clear();
        bigEndian.CopyTo(padded.Slice(32 - bigEndian.Length));
        U3 = BinaryPrimitives.ReadUInt64BigEndian(padded);
        U2 = BinaryPrimitives.ReadUInt64BigEndian(padded.Slice(8));
        U1 = BinaryPrimitives.ReadUInt64BigEndian(padded.Slice(16));
        U0 = BinaryPrimitives.ReadUInt64BigEndian(padded.Slice(24));
    }

    /// <summary>True for 0.</summary>
    public bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (U0 | U1 | U2 | U3) == 0;
    }

    /// <summary>True for 1.</summary>
    public bool IsOne
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ((U0 ^ 1) | U1 | U2 | U3) == 0;
    }

    /// <summary>True when the value is below 2^64.</summary>
    public bool FitsInULong
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (U1 | U2 | U3) == 0;
    }

    /// <summary>True when bit 255 is set, i.e. the value is negative in two's complement.</summary>
    public bool IsNegative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (long)U3 < 0;
    }

    /// <summary>Number of significant bits; 0 for zero.</summary>
    public int BitLength
    {
        get
        {
            if (U3 != 0) return 256 - BitOperations.LeadingZeroCount(U3);
            if (U2 != 0) return 192 - BitOperations.LeadingZeroCount(U2);
            if (U1 != 0) return 128 - BitOperations.LeadingZeroCount(U1);
            return 64 - BitOperations.LeadingZeroCount(U0);
        }
    }

    /// <summary>Minimal number of bytes needed to hold the value; 0 for zero.</summary>
    public int ByteLength => (BitLength + 7) >> 3;

    /// <summary>Number of limbs up to and including the highest non-zero one; 0 for zero.</summary>
    internal int LimbCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => U3 != 0 ? 4 : U2 != 0 ? 3 : U1 != 0 ? 2 : U0 != 0 ? 1 : 0;
    }

    /// <summary>Widens a 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator UInt256(ulong value) => new(value);

    /// <summary>The low 64 bits (truncating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator ulong(in UInt256 value) => value.U0;

    /// <summary>The low 64 bits reinterpreted as signed (truncating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator long(in UInt256 value) => (long)value.U0;

    /// <summary>The low 32 bits reinterpreted as signed (truncating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator int(in UInt256 value) => (int)value.U0;

    /// <summary>The low 32 bits (truncating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator uint(in UInt256 value) => (uint)value.U0;

    /// <summary>Writes the value as exactly 32 big-endian bytes at the start of <paramref name="destination32"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void ToBigEndian(Span<byte> destination32)
    {
        if (destination32.Length < 32)
        {
            throw new ArgumentException("Destination must hold 32 bytes.", nameof(destination32));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination32, U3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32.Slice(8), U2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32.Slice(16), U1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32.Slice(24), U0);
    }

    /// <summary>The value as a new 32-byte big-endian array.</summary>
    public byte[] ToBigEndian()
    {
        var bytes = new byte[32];
        ToBigEndian(bytes);
        return bytes;
    }

    /// <summary>The value as big-endian bytes without leading zeros; empty for zero.</summary>
    public byte[] ToBigEndianTrimmed()
    {
        int length = ByteLength;
        if (length == 0)
        {
            return [];
        }

        Span<byte> full = stackalloc byte[32];
        ToBigEndian(full);
        return full.Slice(32 - length).ToArray();
    }

    /// <summary>The value as a non-negative <see cref="BigInteger"/>.</summary>
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        ToBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reduces <paramref name="value"/> modulo 2^256; negative values map to their two's complement.</summary>
    public static UInt256 FromBigInteger(BigInteger value)
    {
        // BigInteger's & uses infinite two's complement, so masking is exactly reduction mod 2^256.
        BigInteger reduced = value & s_mask256;
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        int written = reduced.GetByteCount(isUnsigned: true);
        reduced.TryWriteBytes(bytes.Slice(32 - written), out _, isUnsigned: true, isBigEndian: true);
        return new UInt256(bytes);
    }

    private static readonly BigInteger s_mask256 = (BigInteger.One << 256) - 1;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(UInt256 other) => Equals(in this, in other);

    /// <summary>Limb-wise equality without copying either operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equals(in UInt256 a, in UInt256 b) =>
        ((a.U0 ^ b.U0) | (a.U1 ^ b.U1) | (a.U2 ^ b.U2) | (a.U3 ^ b.U3)) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UInt256 other && Equals(in this, in other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(U0, U1, U2, U3);

    /// <inheritdoc />
    public int CompareTo(UInt256 other) => Compare(in this, in other);

    /// <summary>-1, 0 or 1 as <paramref name="a"/> is below, equal to or above <paramref name="b"/> (unsigned).</summary>
    public static int Compare(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return a.U3 < b.U3 ? -1 : 1;
        if (a.U2 != b.U2) return a.U2 < b.U2 ? -1 : 1;
        if (a.U1 != b.U1) return a.U1 < b.U1 ? -1 : 1;
        if (a.U0 != b.U0) return a.U0 < b.U0 ? -1 : 1;
        return 0;
    }

    /// <summary>Unsigned a &lt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(in UInt256 a, in UInt256 b)
    {
        if (a.U3 != b.U3) return a.U3 < b.U3;
        if (a.U2 != b.U2) return a.U2 < b.U2;
        if (a.U1 != b.U1) return a.U1 < b.U1;
        return a.U0 < b.U0;
    }

    /// <summary>Unsigned a &gt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThan(in UInt256 a, in UInt256 b) => LessThan(in b, in a);

    /// <summary>Two's complement a &lt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedLessThan(in UInt256 a, in UInt256 b)
    {
        // Only the top limb differs from the unsigned order: compare it signed.
        if (a.U3 != b.U3) return (long)a.U3 < (long)b.U3;
        if (a.U2 != b.U2) return a.U2 < b.U2;
        if (a.U1 != b.U1) return a.U1 < b.U1;
        return a.U0 < b.U0;
    }

    /// <summary>Two's complement a &gt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedGreaterThan(in UInt256 a, in UInt256 b) => SignedLessThan(in b, in a);

    /// <summary>Equality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(in UInt256 a, in UInt256 b) => Equals(in a, in b);

    /// <summary>Inequality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(in UInt256 a, in UInt256 b) => !Equals(in a, in b);

    /// <summary>Unsigned less-than.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <(in UInt256 a, in UInt256 b) => LessThan(in a, in b);

    /// <summary>Unsigned greater-than.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >(in UInt256 a, in UInt256 b) => LessThan(in b, in a);

    /// <summary>Unsigned less-or-equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <=(in UInt256 a, in UInt256 b) => !LessThan(in b, in a);

    /// <summary>Unsigned greater-or-equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >=(in UInt256 a, in UInt256 b) => !LessThan(in a, in b);
}
