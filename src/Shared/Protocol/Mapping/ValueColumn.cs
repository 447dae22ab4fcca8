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
