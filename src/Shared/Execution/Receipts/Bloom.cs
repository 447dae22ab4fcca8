using System.Runtime.InteropServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;

namespace EvmCluster.Execution.Receipts;

/// <summary>
/// The 2048-bit log bloom of receipts and headers. Each address and topic sets three bits, taken from
/// the first three big-endian 16-bit pairs of its keccak hash, each reduced to 11 bits; bit i is counted
/// from the low-order end, so it lives in byte 255 − i/8.
/// </summary>
/// <remarks>
/// Mutable so a block's bloom can be accumulated in place; equality and the hash code follow the
/// contents, so do not change one that is used as a dictionary key.
/// </remarks>
public sealed class Bloom : IEquatable<Bloom>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 256;

    private readonly byte[] _bytes;

    /// <summary>An empty bloom (all bits clear).</summary>
    public Bloom() => _bytes = new byte[Size];

    /// <summary>A bloom holding a copy of exactly 256 bytes.</summary>
    public Bloom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a bloom is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>The 256 bytes, big-endian.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>True when no bit is set.</summary>
    public bool IsZero => !_bytes.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>The bloom of a list of logs (a receipt's bloom).</summary>
    public static Bloom FromLogs(IEnumerable<LogEntry> logs)
    {
        var bloom = new Bloom();
        foreach (LogEntry log in logs) bloom.Add(log);
        return bloom;
    }

    /// <summary>The bitwise or of several blooms (a block's bloom from its receipts').</summary>
    public static Bloom Combine(IEnumerable<Bloom> blooms)
    {
        var result = new Bloom();
        foreach (Bloom b in blooms) result.Or(b);
        return result;
    }

    /// <summary>Adds a log: its address and each of its topics.</summary>
    public void Add(LogEntry log)
    {
        Add(log.Address);
        foreach (Hash256 topic in log.Topics) Add(topic);
    }

    /// <summary>Adds an address (hashed as its 20 bytes).</summary>
    public void Add(Address address)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        address.WriteTo(bytes);
        AddHashOf(bytes);
    }

    /// <summary>Adds a topic (hashed as its 32 bytes).</summary>
    public void Add(Hash256 topic)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        topic.WriteTo(bytes);
        AddHashOf(bytes);
    }

    /// <summary>Sets every bit that is set in <paramref name="other"/>.</summary>
    public void Or(Bloom other)
    {
        // Eight bytes at a time: 32 operations for the whole bloom.
        Span<ulong> mine = MemoryMarshal.Cast<byte, ulong>(_bytes.AsSpan());
        ReadOnlySpan<ulong> theirs = MemoryMarshal.Cast<byte, ulong>((ReadOnlySpan<byte>)other._bytes);
        for (int i = 0; i < mine.Length; i++) mine[i] |= theirs[i];
    }

    /// <summary>True when all three bits of the address are set (it may be in the logs).</summary>
    public bool MayContain(Address address)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        address.WriteTo(bytes);
        return ContainsHashOf(bytes);
    }

    /// <summary>True when all three bits of the topic are set (it may be in the logs).</summary>
    public bool MayContain(Hash256 topic)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        topic.WriteTo(bytes);
        return ContainsHashOf(bytes);
    }

    private void AddHashOf(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Compute(data, hash);
        for (int i = 0; i < 6; i += 2)
        {
            int bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
            _bytes[Size - 1 - (bit >> 3)] |= (byte)(1 << (bit & 7));
        }
    }

    private bool ContainsHashOf(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Compute(data, hash);
        for (int i = 0; i < 6; i += 2)
        {
            int bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
            if ((_bytes[Size - 1 - (bit >> 3)] & (1 << (bit & 7))) == 0) return false;
        }
        return true;
    }

    /// <summary>Parses 256 bytes of hex (with or without 0x).</summary>
    public static Bloom Parse(string hex)
    {
        byte[] bytes = Hex.Decode(hex);
        if (bytes.Length != Size) throw new FormatException($"a bloom is {Size} bytes, got {bytes.Length}");
        return new Bloom(bytes);
    }

    /// <summary>A copy of the 256 bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <inheritdoc />
    public bool Equals(Bloom? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Bloom other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Content equality.</summary>
    public static bool operator ==(Bloom? left, Bloom? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Content inequality.</summary>
    public static bool operator !=(Bloom? left, Bloom? right) => !(left == right);

    /// <summary>0x-prefixed lower-case hex of the 256 bytes.</summary>
    public override string ToString() => Hex.Encode(_bytes);
}
