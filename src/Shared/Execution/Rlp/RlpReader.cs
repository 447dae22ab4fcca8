using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Rlp;

/// <summary>
/// Strict, allocation-free RLP decoder over a span. Rejects every non-canonical form the way geth does:
/// a single byte below 0x80 wrapped in a string header, long-form lengths under 56, length fields with
/// leading zeros, integers with leading zero bytes (including 0x00 for zero), and items running past
/// their input or enclosing list. Errors throw <see cref="RlpException"/> with the absolute byte offset.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>A reader over a complete encoding.</summary>
    public RlpReader(ReadOnlySpan<byte> data) : this(data, 0) { }

    private RlpReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Position within this reader's span (a nested list reader starts at 0 at its payload).</summary>
    public readonly int Position => _position;

    /// <summary>Offset of the current position from the start of the outermost input.</summary>
    public readonly int AbsolutePosition => _baseOffset + _position;

    /// <summary>Bytes left in this reader.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every item of this reader has been consumed.</summary>
    public readonly bool IsEnd => _position >= _data.Length;

    /// <summary>True when the next item is a list.</summary>
    public readonly bool PeekIsList()
    {
        if (IsEnd) throw Error("unexpected end of input, expected an item", _position);
        return _data[_position] >= 0xc0;
    }

    /// <summary>Reads a list and returns a reader over its items.</summary>
    public RlpReader ReadList()
    {
        ReadOnlySpan<byte> payload = ReadListPayload();
        return new RlpReader(payload, _baseOffset + _position - payload.Length);
    }

    /// <summary>Reads a list and returns its raw payload (the concatenated encodings of its items).</summary>
    public ReadOnlySpan<byte> ReadListPayload()
    {
        int start = _position;
        if (!ReadHeader(out int offset, out int length)) throw Error("expected a list, found a string", start);
        return Consume(offset, length);
    }

    /// <summary>Reads a byte string.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        int start = _position;
        if (ReadHeader(out int offset, out int length)) throw Error("expected a string, found a list", start);
        return Consume(offset, length);
    }

    /// <summary>Reads a string of exactly <paramref name="size"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int size)
    {
        int start = _position;
        ReadOnlySpan<byte> value = ReadBytes();
        if (value.Length != size) throw Error($"expected a {size}-byte string, found {value.Length} bytes", start);
        return value;
    }

    /// <summary>Reads an unsigned integer of up to 8 bytes.</summary>
    public ulong ReadULong()
    {
        int start = _position;
        ReadOnlySpan<byte> value = ReadIntegerBytes(8, start);
        ulong result = 0;
        foreach (byte b in value) result = (result << 8) | b;
        return result;
    }

    /// <summary>Reads a non-negative integer that fits in a long.</summary>
    public long ReadLong()
    {
        int start = _position;
        ulong value = ReadULong();
        return value <= long.MaxValue ? (long)value : throw Error("integer does not fit in a signed 64-bit value", start);
    }

    /// <summary>Reads an unsigned integer that fits in 32 bits.</summary>
    public uint ReadUInt32()
    {
        int start = _position;
        ulong value = ReadULong();
        return value <= uint.MaxValue ? (uint)value : throw Error("integer does not fit in 32 bits", start);
    }

    /// <summary>Reads a boolean encoded as the integer 0 (0x80) or 1 (0x01).</summary>
    public bool ReadBool()
    {
        int start = _position;
        ulong value = ReadULong();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Error($"invalid boolean {value}", start),
        };
    }

    /// <summary>Reads a 256-bit unsigned integer as its minimal big-endian bytes (empty for zero, at most 32 bytes).</summary>
    public ReadOnlySpan<byte> ReadUInt256() => ReadIntegerBytes(32, _position);

    /// <summary>Reads a 256-bit unsigned integer.</summary>
    public UInt256 ReadUInt256Value() => new(ReadUInt256());

    /// <summary>Reads a 20-byte address.</summary>
    public Address ReadAddress() => new(ReadBytes(Address.Size));

    /// <summary>Reads a 32-byte hash.</summary>
    public Hash256 ReadHash256() => new(ReadBytes(Hash256.Size));

    /// <summary>Returns the next item's full encoding (header and payload) and skips it; the payload is not descended into.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        int start = _position;
        ReadHeader(out int offset, out int length);
        Consume(offset, length);
        return _data[start.._position];
    }

    /// <summary>Skips the next item after validating its header.</summary>
    public void SkipItem() => ReadEncodedItem();

    /// <summary>Throws unless every byte of this reader has been consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (!IsEnd) throw Error($"{Remaining} trailing byte(s) after the last item", _position);
    }

    private ReadOnlySpan<byte> ReadIntegerBytes(int maxBytes, int start)
    {
        if (ReadHeader(out int offset, out int length)) throw Error("expected an integer, found a list", start);
        if (length > maxBytes) throw Error($"integer of {length} bytes exceeds {maxBytes} bytes", start);
        ReadOnlySpan<byte> value = Consume(offset, length);
        // Zero must be 0x80; any leading zero byte, including a lone 0x00, is non-canonical.
        if (length > 0 && value[0] == 0) throw Error("integer has leading zero bytes", start);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Consume(int payloadOffset, int payloadLength)
    {
        _position = payloadOffset + payloadLength;
        return _data.Slice(payloadOffset, payloadLength);
    }

    /// <summary>
    /// Decodes the header at the current position without moving; returns true for a list. The payload
    /// is known to lie inside this reader's span when it returns.
    /// </summary>
    private readonly bool ReadHeader(out int payloadOffset, out int payloadLength)
    {
        int p = _position;
        if (p >= _data.Length) throw Error("unexpected end of input, expected an item", p);
        byte b = _data[p];
        bool isList;
        if (b < 0x80)
        {
            payloadOffset = p;
            payloadLength = 1;
            return false;
        }
        if (b < 0xb8)
        {
            isList = false;
            payloadOffset = p + 1;
            payloadLength = b - 0x80;
            if (payloadLength == 1)
            {
                if (p + 1 >= _data.Length) throw Error("string of 1 byte runs past the end of the input", p);
                if (_data[p + 1] < 0x80) throw Error("single byte below 0x80 must be encoded as itself", p);
            }
        }
        else if (b < 0xc0)
        {
            isList = false;
            payloadLength = ReadLongLength(p, b - 0xb7, out payloadOffset);
        }
        else if (b < 0xf8)
        {
            isList = true;
            payloadOffset = p + 1;
            payloadLength = b - 0xc0;
        }
        else
        {
            isList = true;
            payloadLength = ReadLongLength(p, b - 0xf7, out payloadOffset);
        }

        if (payloadLength > _data.Length - payloadOffset)
            throw Error($"{(isList ? "list" : "string")} of {payloadLength} bytes runs past the end of the input ({_data.Length - payloadOffset} left)", p);
        return isList;
    }

    private readonly int ReadLongLength(int headerPosition, int lengthOfLength, out int payloadOffset)
    {
        int p = headerPosition + 1;
        if (lengthOfLength > _data.Length - p) throw Error("length field runs past the end of the input", headerPosition);
        if (_data[p] == 0) throw Error("length field has leading zero bytes", headerPosition);
        ulong length = 0;
        for (int i = 0; i < lengthOfLength; i++) length = (length << 8) | _data[p + i];
        if (length < 56) throw Error($"long-form length {length} should use the short form", headerPosition);
        payloadOffset = p + lengthOfLength;
        if (length > (ulong)(_data.Length - payloadOffset))
            throw Error($"item of {length} bytes runs past the end of the input ({_data.Length - payloadOffset} left)", headerPosition);
        return (int)length;
    }

    private readonly RlpException Error(string message, int position) => new(message, _baseOffset + position);
}
