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
    public void Add(Address address) => SetBits(RecentBits.Of(address));

    /// <summary>Adds a topic (hashed as its 32 bytes).</summary>
    public void Add(Hash256 topic) => SetBits(RecentBits.Of(topic));

    private void SetBits(BloomBits bits)
    {
        Set(bits.A);
        Set(bits.B);
        Set(bits.C);
    }

    private void Set(int bit) => _bytes[Size - 1 - (bit >> 3)] |= (byte)(1 << (bit & 7));

    /// <summary>The three bit positions of a hashed value.</summary>
    private readonly record struct BloomBits(short A, short B, short C)
    {
        public static BloomBits OfHash(ReadOnlySpan<byte> data)
        {
            Span<byte> hash = stackalloc byte[32];
            Keccak256.Compute(data, hash);
            return new((short)(((hash[0] << 8) | hash[1]) & 2047), (short)(((hash[2] << 8) | hash[3]) & 2047), (short)(((hash[4] << 8) | hash[5]) & 2047));
        }
    }

    /// <summary>
    /// Each thread's bits of the addresses and topics it hashed lately: a block's logs repeat a few
    /// contracts and event signatures, whose keccak would otherwise be recomputed for every receipt.
    /// </summary>
    private static class RecentBits
    {
        private const int Capacity = 4096;

        [ThreadStatic]
        private static Dictionary<Address, BloomBits>? t_addresses;
        [ThreadStatic]
        private static Dictionary<Hash256, BloomBits>? t_topics;

        public static BloomBits Of(Address address)
        {
            Dictionary<Address, BloomBits> cache = t_addresses ??= [];
            if (cache.TryGetValue(address, out BloomBits bits)) return bits;
            Span<byte> bytes = stackalloc byte[Address.Size];
            address.WriteTo(bytes);
            return Remember(cache, address, BloomBits.OfHash(bytes));
        }

        public static BloomBits Of(Hash256 topic)
        {
            Dictionary<Hash256, BloomBits> cache = t_topics ??= [];
            if (cache.TryGetValue(topic, out BloomBits bits)) return bits;
            Span<byte> bytes = stackalloc byte[Hash256.Size];
            topic.WriteTo(bytes);
            return Remember(cache, topic, BloomBits.OfHash(bytes));
        }

        private static BloomBits Remember<TKey>(Dictionary<TKey, BloomBits> cache, TKey key, BloomBits bits) where TKey : notnull
        {
            // Forgetting everything now and then keeps the cache small; the values that recur come back at once.
            if (cache.Count >= Capacity) cache.Clear();
            cache[key] = bits;
            return bits;
        }
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
