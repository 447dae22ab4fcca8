using System.Buffers;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// A column of 256-bit values in one <c>bytes</c> field: per value a length byte (0..32) and that many
/// big-endian bytes, so small balances and slot values take a few bytes and no per-value message.
/// </summary>
public sealed class ValueColumnWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public void Add(in UInt256 value)
    {
        int length = value.ByteLength;
        Span<byte> target = _buffer.GetSpan(33);
        target[0] = (byte)length;
        if (length > 0)
        {
            Span<byte> full = stackalloc byte[32];
            value.ToBigEndian(full);
            full[(32 - length)..].CopyTo(target[1..]);
        }
        _buffer.Advance(1 + length);
    }

    public Google.Protobuf.ByteString ToByteString() => Google.Protobuf.ByteString.CopyFrom(_buffer.WrittenSpan);
}

/// <summary>Reads a <see cref="ValueColumnWriter"/> column in order; a malformed column raises <see cref="ProtocolException"/> naming it.</summary>
public ref struct ValueColumnReader(ReadOnlySpan<byte> column, string field)
{
    private readonly ReadOnlySpan<byte> _column = column;
    private int _position;

    public UInt256 Next()
    {
        if (_position >= _column.Length) throw new ProtocolException($"{field}: the column ends early, after {_position} bytes");
        int length = _column[_position];
        if (length > 32) throw new ProtocolException($"{field}: a 256-bit value is at most 32 bytes, got a length of {length}");
        if (_position + 1 + length > _column.Length) throw new ProtocolException($"{field}: the column ends inside a value");
        UInt256 value = length == 0 ? UInt256.Zero : new UInt256(_column.Slice(_position + 1, length));
        _position += 1 + length;
        return value;
    }

    /// <summary>Throws unless every byte was read: a column longer than its counts is as malformed as a shorter one.</summary>
    public readonly void End()
    {
        if (_position != _column.Length) throw new ProtocolException($"{field}: {_column.Length - _position} bytes left over after the last value");
    }
}

/// <summary>A column of storage slots in one <c>bytes</c> field, 32 big-endian bytes each.</summary>
public sealed class SlotColumnWriter(int count)
{
    private readonly byte[] _bytes = new byte[32 * count];
    private int _written;

    public void Add(in UInt256 slot)
    {
        slot.ToBigEndian(_bytes.AsSpan(_written, 32));
        _written += 32;
    }

    /// <summary>The column; every slot announced to the constructor must have been added.</summary>
    public Google.Protobuf.ByteString ToByteString() =>
        _written == _bytes.Length ? Google.Protobuf.UnsafeByteOperations.UnsafeWrap(_bytes)
            : throw new InvalidOperationException($"{_written / 32} of {_bytes.Length / 32} slots added");

    /// <summary>The slots of a column; one whose length is not a multiple of 32 raises <see cref="ProtocolException"/> naming <paramref name="field"/>.</summary>
    public static UInt256[] Read(Google.Protobuf.ByteString column, string field)
    {
        ReadOnlySpan<byte> bytes = column.Span;
        if (bytes.Length % 32 != 0) throw new ProtocolException($"{field}: 32 bytes per slot, got {bytes.Length} bytes");
        var slots = new UInt256[bytes.Length / 32];
        for (int i = 0; i < slots.Length; i++) slots[i] = new UInt256(bytes.Slice(32 * i, 32));
        return slots;
    }
}
