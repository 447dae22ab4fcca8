using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Core;

/// <summary>A 32-byte hash (keccak, state roots, code hashes), stored inline as four big-endian chunks.</summary>
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;

    private readonly ulong _a, _b, _c, _d;

    public static readonly Hash256 Zero = default;

    public Hash256(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a hash is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    private Hash256(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>The hash read as a big-endian stack word, and back.</summary>
    public Numerics.UInt256 ToWord() => new(_d, _c, _b, _a);
    public static Hash256 FromWord(in Numerics.UInt256 word) => new(word.U3, word.U2, word.U1, word.U0);

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var result = new byte[Size];
        WriteTo(result);
        return result;
    }

    /// <summary>The first byte: the state-shard prefix of a hashed key.</summary>
    public byte FirstByte => (byte)(_a >> 56);

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public static Hash256 Parse(string hex)
    {
        var bytes = Hex.Decode(hex);
        if (bytes.Length != Size) throw new FormatException($"hash '{hex}' is {bytes.Length} bytes, expected {Size}");
        return new Hash256(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(Hash256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);
    public override int GetHashCode() => (int)(_a ^ (_a >> 32) ^ _d);
    public int CompareTo(Hash256 other)
    {
        int c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        if (c != 0) return c;
        c = _c.CompareTo(other._c);
        return c != 0 ? c : _d.CompareTo(other._d);
    }

    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Size];
        WriteTo(b);
        return Hex.Encode(b);
    }
}
