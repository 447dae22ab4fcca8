using System.Buffers;
using System.Runtime.CompilerServices;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// A frame's byte-addressed memory: grows in 32-byte words, each growth priced by the quadratic
/// rule 3·w + w²/512, backed by a pooled buffer.
/// </summary>
public sealed class EvmMemory
{
    // Past this many bytes the expansion cost exceeds any gas limit; checking first avoids overflow.
    private const ulong MaxSize = 0xFFFFFFFF;

    private byte[] _buffer = [];
    public ulong Size { get; private set; }

    public void Reset()
    {
        if (_buffer.Length > 0) Array.Clear(_buffer, 0, (int)Size);
        Size = 0;
    }

    public void Release()
    {
        Reset();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    public static long Cost(ulong words) => (long)(words * GasCostOf.Memory + words * words / GasCostOf.QuadCoeffDiv);

    /// <summary>
    /// Charges for and performs the expansion needed to touch [offset, offset+length). A zero length
    /// touches nothing whatever the offset. False means out of gas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryExpand(in UInt256 offset, in UInt256 length, ref long gas)
    {
        if (length.IsZero) return true;
        if (!offset.FitsInULong || !length.FitsInULong || offset.U0 > MaxSize || length.U0 > MaxSize) return false;
        return TryExpand(offset.U0 + length.U0, ref gas);
    }

    public bool TryExpand(ulong end, ref long gas)
    {
        if (end <= Size) return true;
        if (end > MaxSize) return false;
        ulong newWords = (end + 31) / 32;
        long cost = Cost(newWords) - Cost(Size / 32);
        gas -= cost;
        if (gas < 0) return false;
        ulong newSize = newWords * 32;
        if (newSize > (ulong)_buffer.Length) Grow((int)newSize);
        Size = newSize;
        return true;
    }

    private void Grow(int needed)
    {
        int capacity = Math.Max(needed, Math.Max(1024, _buffer.Length * 2));
        byte[] next = ArrayPool<byte>.Shared.Rent(capacity);
        Array.Clear(next);
        if (_buffer.Length > 0)
        {
            Buffer.BlockCopy(_buffer, 0, next, 0, (int)Size);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = next;
    }

    /// <summary>A view of already-expanded memory.</summary>
    public Span<byte> Slice(ulong offset, ulong length) => _buffer.AsSpan((int)offset, (int)length);

    public Span<byte> Slice(in UInt256 offset, in UInt256 length) =>
        length.IsZero ? Span<byte>.Empty : _buffer.AsSpan((int)offset.U0, (int)length.U0);

    public byte[] ToArray(in UInt256 offset, in UInt256 length) => Slice(in offset, in length).ToArray();

    /// <summary>Copies <paramref name="source"/> to memory at <paramref name="offset"/>, zero-filling up to <paramref name="length"/>.</summary>
    public void WritePadded(ulong offset, ulong length, ReadOnlySpan<byte> source)
    {
        if (length == 0) return;
        Span<byte> target = _buffer.AsSpan((int)offset, (int)length);
        int n = (int)Math.Min((ulong)source.Length, length);
        source[..n].CopyTo(target);
        target[n..].Clear();
    }
}
