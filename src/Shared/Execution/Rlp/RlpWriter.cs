using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Rlp;

/// <summary>
/// Builds an RLP encoding into a growable buffer. Lists are opened with <see cref="StartList"/> and closed
/// with <see cref="EndList"/>; the header is back-filled when the list closes. Reuse one instance with
/// <see cref="Reset"/> to avoid reallocating the buffer. Not thread-safe.
/// </summary>
public sealed class RlpWriter
{
    private byte[] _buffer;
    private int _length;
    private int[] _openLists = new int[8];
    private int _depth;

    public RlpWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The encoding so far (valid until the next write); all lists must be closed for it to be complete.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Reset()
    {
        _length = 0;
        _depth = 0;
    }

    /// <summary>A copy of the finished encoding.</summary>
    public byte[] ToArray()
    {
        if (_depth != 0) throw new InvalidOperationException($"{_depth} list(s) still open");
        return _buffer.AsSpan(0, _length).ToArray();
    }

    /// <summary>Opens a list; everything written until the matching <see cref="EndList"/> is its payload.</summary>
    public void StartList()
    {
        if (_depth == _openLists.Length) Array.Resize(ref _openLists, _depth * 2);
        _openLists[_depth++] = _length;
        // Reserve the one-byte short header; long lists shift their payload once when closed.
        Ensure(1);
        _length++;
    }

    /// <summary>Closes the innermost open list and writes its header.</summary>
    public void EndList()
    {
        if (_depth == 0) throw new InvalidOperationException("no open list");
        int start = _openLists[--_depth];
        int payload = _length - start - 1;
        if (payload < 56)
        {
            _buffer[start] = (byte)(0xc0 + payload);
            return;
        }
        int extra = RlpEncoding.ByteCount((ulong)payload);
        Ensure(extra);
        Buffer.BlockCopy(_buffer, start + 1, _buffer, start + 1 + extra, payload);
        RlpEncoding.WriteListHeader(_buffer.AsSpan(start), payload);
        _length += extra;
    }

    /// <summary>Writes a list header for a payload the caller will write next (when its size is known up front).</summary>
    public void WriteListHeader(int payloadLength)
    {
        Ensure(9);
        _length += RlpEncoding.WriteListHeader(_buffer.AsSpan(_length), payloadLength);
    }

    /// <summary>Writes a byte string.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length + 9);
        _length += RlpEncoding.WriteBytes(_buffer.AsSpan(_length), value);
    }

    /// <summary>Writes an unsigned integer (zero is 0x80).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteULong(ulong value)
    {
        Ensure(9);
        _length += RlpEncoding.WriteULong(_buffer.AsSpan(_length), value);
    }

    /// <summary>Writes a non-negative integer.</summary>
    public void WriteLong(long value)
    {
        Ensure(9);
        _length += RlpEncoding.WriteLong(_buffer.AsSpan(_length), value);
    }

    /// <summary>Writes a big-endian unsigned integer of any width, without its leading zero bytes.</summary>
    public void WriteUInt(ReadOnlySpan<byte> bigEndian) => WriteBytes(RlpEncoding.TrimLeadingZeros(bigEndian));

    /// <summary>Writes a 256-bit unsigned integer in minimal big-endian form.</summary>
    public void WriteUInt256(in UInt256 value)
    {
        Ensure(33);
        _length += RlpEncoding.WriteUInt256(_buffer.AsSpan(_length), value);
    }

    /// <summary>Writes a boolean as the integer 0 or 1.</summary>
    public void WriteBool(bool value) => WriteULong(value ? 1UL : 0UL);

    /// <summary>Writes a 20-byte address.</summary>
    public void WriteAddress(Address address)
    {
        Ensure(1 + Address.Size);
        _length += RlpEncoding.WriteAddress(_buffer.AsSpan(_length), address);
    }

    /// <summary>Writes a 32-byte hash.</summary>
    public void WriteHash(Hash256 hash)
    {
        Ensure(1 + Hash256.Size);
        _length += RlpEncoding.WriteHash(_buffer.AsSpan(_length), hash);
    }

    /// <summary>Writes an empty list (0xc0).</summary>
    public void WriteEmptyList()
    {
        Ensure(1);
        _buffer[_length++] = RlpEncoding.EmptyList;
    }

    /// <summary>Copies an already-encoded item (or several) verbatim.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        Ensure(encoded.Length);
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
    }

    /// <summary>
    /// Reserves <paramref name="size"/> bytes for the caller to fill directly (e.g. with <see cref="RlpEncoding.WriteAccount"/>);
    /// then call <see cref="Advance"/> with the number actually written.
    /// </summary>
    public Span<byte> GetSpan(int size)
    {
        Ensure(size);
        return _buffer.AsSpan(_length, size);
    }

    /// <summary>Commits bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _length)) throw new ArgumentOutOfRangeException(nameof(count));
        _length += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int extra)
    {
        if (_buffer.Length - _length < extra) Grow(extra);
    }

    private void Grow(int extra)
    {
        long needed = (long)_length + extra;
        long size = Math.Max(needed, (long)_buffer.Length * 2);
        if (size > Array.MaxLength) size = needed <= Array.MaxLength ? Array.MaxLength : throw new InvalidOperationException("RLP output too large");
        Array.Resize(ref _buffer, (int)size);
    }
}
