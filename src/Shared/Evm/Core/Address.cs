using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvmCluster.Evm.Core;

/// <summary>A 20-byte Ethereum account address, stored inline so it can key dictionaries without allocation.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;

    // Big-endian chunks of the 20 bytes: [0..8), [8..16), [16..20).
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    public static readonly Address Zero = default;

    private Address(ulong a, ulong b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>The low 20 bytes of a stack word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Address FromWord(in Numerics.UInt256 word) =>
        new((word.U2 << 32) | (word.U1 >> 32), (word.U1 << 32) | (word.U0 >> 32), (uint)word.U0);

    /// <summary>The address as a stack word (zero-extended).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Numerics.UInt256 ToWord() => new((_b << 32) | _c, (_a << 32) | (_b >> 32), _a >> 32, 0);

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"an address is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The low 20 bytes of a 32-byte big-endian word (as the EVM stack holds addresses).</summary>
    public static Address FromWord(ReadOnlySpan<byte> word32) => new(word32.Slice(12, Size));

    public static Address FromLowBytes(ulong value)
    {
        Span<byte> b = stackalloc byte[Size];
        b.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(b[12..], value);
        return new Address(b);
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var result = new byte[Size];
        WriteTo(result);
        return result;
    }

    public bool IsZero => _a == 0 && _b == 0 && _c == 0;

    /// <summary>True for 0x00..00NN style addresses up to <paramref name="max"/> (precompile range checks).</summary>
    public bool IsLowAddressUpTo(uint max) => _a == 0 && _b == 0 && _c != 0 && _c <= max;

    public uint LowUInt32 => _c;

    public static Address Parse(string hex)
    {
        var bytes = Hex.Decode(hex);
        if (bytes.Length != Size) throw new FormatException($"address '{hex}' is {bytes.Length} bytes, expected {Size}");
        return new Address(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;
    public override bool Equals(object? obj) => obj is Address other && Equals(other);
    public override int GetHashCode() => (int)(_a ^ (_a >> 32) ^ _b ^ (_b >> 29) ^ _c);
    public int CompareTo(Address other)
    {
        int c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        return c != 0 ? c : _c.CompareTo(other._c);
    }

    public static bool operator ==(Address left, Address right) => left.Equals(right);
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Size];
        WriteTo(b);
        return Hex.Encode(b);
    }
}
