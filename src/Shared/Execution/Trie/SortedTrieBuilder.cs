using System.Diagnostics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// One-shot root of a key/value set: sort the keys, then build bottom-up straight from the sorted run,
/// without node objects. Each subtree is a contiguous run of the sorted keys, so its shape follows from
/// the first and last key alone.
/// </summary>
internal sealed class SortedTrieBuilder
{
    /// <summary>A branch over this many keys builds its child subtrees on several threads, when allowed.</summary>
    private const int ParallelItems = 2048;

    private byte[] _buffer = new byte[1024];
    private readonly (byte[] Key, byte[] Value)[] _items;
    private readonly int _threads;
    /// <summary>List subtrees hashed already (a list root built while its items arrived), or null.</summary>
    private readonly ListRootChunks? _chunks;

    private SortedTrieBuilder((byte[] Key, byte[] Value)[] items, int threads, ListRootChunks? chunks = null)
    {
        _items = items;
        _threads = threads;
        _chunks = chunks;
    }

    /// <param name="threads">Up to how many threads build large subtrees (1: the calling thread only).</param>
    public static Hash256 ComputeRoot(IEnumerable<(byte[] Key, byte[] Value)> entries, int threads = 1)
    {
        // Stable sort so that, among duplicate keys, the last one given wins (as successive Set calls would).
        var sorted = entries.Select((e, i) => (e.Key, e.Value, Index: i)).ToArray();
        Array.Sort(sorted, static (x, y) =>
        {
            int c = x.Key.AsSpan().SequenceCompareTo(y.Key);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });

        var unique = new List<(byte[] Key, byte[] Value)>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1].Key.AsSpan().SequenceEqual(sorted[i].Key)) continue;
            if (sorted[i].Value.Length > 0) unique.Add((sorted[i].Key, sorted[i].Value));
        }
        return ComputeSortedRoot(unique.ToArray(), threads);
    }

    /// <summary>
    /// Root of items already in key order, keys distinct, values non-empty. An ordered list keyed by
    /// rlp(index) is in that order without sorting: indices 1–127 (one-byte keys), then 0 (0x80), then
    /// 128 on (0x81…, 0x82…, longer keys for larger indices, each length in numeric order).
    /// </summary>
    public static Hash256 ComputeListRoot(IReadOnlyList<byte[]> encodedItems, int threads, ListRootChunks? chunks = null)
    {
        var items = new List<(byte[] Key, byte[] Value)>(encodedItems.Count);
        for (int i = 1; i < Math.Min(128, encodedItems.Count); i++) Add(i);
        if (encodedItems.Count > 0) Add(0);
        for (int i = 128; i < encodedItems.Count; i++) Add(i);
        return ComputeSortedRoot(items.ToArray(), threads, chunks);

        void Add(int index)
        {
            if (encodedItems[index].Length > 0) items.Add((chunks?.KeyOf(index) ?? RlpEncoding.EncodeULong((ulong)index), encodedItems[index]));
        }
    }

    private static Hash256 ComputeSortedRoot((byte[] Key, byte[] Value)[] items, int threads, ListRootChunks? chunks = null)
    {
        if (items.Length == 0) return PatriciaTrie.EmptyRoot;
        var builder = new SortedTrieBuilder(items, threads, chunks);
        Span<byte> root = stackalloc byte[32];
        int length = builder.BuildNode(items, 0, 0, root);
        return length == 32 ? new Hash256(root) : Keccak256.Compute(root[..length]);
    }

    /// <summary>
    /// Writes the reference of the subtree holding <paramref name="items"/> (all sharing nibbles before
    /// <paramref name="depth"/>), which start at <paramref name="offset"/> in the whole sorted run.
    /// </summary>
    private int BuildNode(ReadOnlySpan<(byte[] Key, byte[] Value)> items, int offset, int depth, Span<byte> reference)
    {
        if (items.Length == 1) return EncodeLeaf(items[0].Key, depth, items[0].Value, reference);

        int shared = SharedNibbles(items[0].Key, items[^1].Key, depth);
        if (shared == 0) return BuildBranch(items, offset, depth, reference);

        Span<byte> child = stackalloc byte[32];
        int childLength = BuildBranch(items, offset, depth + shared, child);
        Span<byte> scratch = Scratch(TrieEncoding.ExtensionLength(shared, childLength));
        int written = TrieEncoding.WriteExtension(scratch, items[0].Key, depth, depth + shared, child[..childLength]);
        Debug.Assert(written == scratch.Length);
        return TrieEncoding.MakeRef(scratch, reference);
    }

    /// <summary>The reference (hash) of one list chunk's subtree: 256 items whose three-byte keys share their first two bytes.</summary>
    internal static byte[] ChunkReference((byte[] Key, byte[] Value)[] chunk)
    {
        Debug.Assert(chunk.Length == ListRootChunks.ItemsPerChunk);
        var reference = new byte[32];
        int length = new SortedTrieBuilder(chunk, threads: 1).BuildBranch(chunk, 0, ListRootChunks.ChunkDepth, reference);
        Debug.Assert(length == 32);
        return reference;
    }

    private int BuildBranch(ReadOnlySpan<(byte[] Key, byte[] Value)> items, int offset, int depth, Span<byte> reference)
    {
        // A whole list chunk (the list positions of its indices are the indices themselves) that was hashed already.
        if (_chunks is not null && depth == ListRootChunks.ChunkDepth && items.Length == ListRootChunks.ItemsPerChunk
            && _chunks.HashedChunkAt(offset) is { } hashed)
        {
            hashed.CopyTo(reference);
            return hashed.Length;
        }
        Span<byte> refs = stackalloc byte[16 * 32];
        Span<int> lengths = stackalloc int[16];
        lengths.Clear();

        int i = 0;
        byte[]? value = null;
        // Sorted order puts a key that ends at this depth first (it is a prefix of all the others).
        if (items[0].Key.Length * 2 == depth) value = items[i++].Value;

        // Subtrees first; single-key children (leaves) are then encoded side by side and hashed together.
        Span<int> leafItem = stackalloc int[16];
        Span<(int Start, int End)> subtrees = stackalloc (int, int)[16];
        int leaves = 0;
        ushort leafMask = 0, subtreeMask = 0;
        while (i < items.Length)
        {
            int nibble = HexPrefix.Nibble(items[i].Key, depth);
            int end = EndOfRun(items, i, depth, nibble);
            if (end - i == 1)
            {
                leafItem[nibble] = i;
                leafMask |= (ushort)(1 << nibble);
                leaves++;
            }
            else
            {
                subtrees[nibble] = (i, end);
                subtreeMask |= (ushort)(1 << nibble);
            }
            i = end;
        }
        if (_threads > 1 && items.Length >= ParallelItems && Spread(subtrees, subtreeMask, items.Length))
            BuildInParallel(subtrees, subtreeMask, offset, depth + 1, refs, lengths);
        else
        {
            for (uint m = subtreeMask; m != 0; m &= m - 1)
            {
                int nibble = System.Numerics.BitOperations.TrailingZeroCount(m);
                var (start, end) = subtrees[nibble];
                lengths[nibble] = BuildNode(items[start..end], offset + start, depth + 1, refs.Slice(nibble * 32, 32));
            }
        }
        if (leaves > 0) HashLeaves(items, leafItem, leafMask, depth + 1, refs, lengths);

        int payload = value is null ? 1 : RlpEncoding.LengthOfBytes(value);
        for (int n = 0; n < 16; n++) payload += TrieEncoding.RefItemLength(lengths[n]);
        Span<byte> scratch = Scratch(RlpEncoding.LengthOfList(payload));
        int p = RlpEncoding.WriteListHeader(scratch, payload);
        for (int n = 0; n < 16; n++) p += TrieEncoding.WriteRefItem(scratch[p..], refs.Slice(n * 32, lengths[n]));
        p += value is null ? WriteEmpty(scratch[p..]) : RlpEncoding.WriteBytes(scratch[p..], value);
        Debug.Assert(p == scratch.Length);
        return TrieEncoding.MakeRef(scratch[..p], reference);
    }

    /// <summary>
    /// The first position after <paramref name="start"/> whose key has another nibble at <paramref name="depth"/>.
    /// The keys are sorted, so equal nibbles are one run: galloping then bisecting finds its end in a few steps
    /// where a scan would read every key (a list trie's first levels each hold nearly all of them).
    /// </summary>
    private static int EndOfRun(ReadOnlySpan<(byte[] Key, byte[] Value)> items, int start, int depth, int nibble)
    {
        int inRun = start, step = 1;
        int after = start + 1;
        while (after < items.Length && HexPrefix.Nibble(items[after].Key, depth) == nibble)
        {
            inRun = after;
            step *= 2;
            after = (int)Math.Min(items.Length, (long)inRun + step);
        }
        while (after - inRun > 1)
        {
            int middle = inRun + (after - inRun) / 2;
            if (HexPrefix.Nibble(items[middle].Key, depth) == nibble) inRun = middle;
            else after = middle;
        }
        return after;
    }

    /// <summary>
    /// Whether no child subtree holds most of the keys. A list trie (keys rlp(index)) has one huge child for
    /// its first levels; splitting there would leave one thread with all the work, so the split waits for
    /// the first branch whose children share the keys.
    /// </summary>
    private static bool Spread(ReadOnlySpan<(int Start, int End)> subtrees, ushort mask, int items)
    {
        for (uint m = mask; m != 0; m &= m - 1)
        {
            var (start, end) = subtrees[System.Numerics.BitOperations.TrailingZeroCount(m)];
            if ((end - start) * 4L > items * 3L) return false;
        }
        return true;
    }

    /// <summary>Builds a large branch's child subtrees on several threads, each with a builder (scratch buffer) of its own.</summary>
    private void BuildInParallel(ReadOnlySpan<(int Start, int End)> subtrees, ushort mask, int offset, int depth, Span<byte> refs, Span<int> lengths)
    {
        var nibbles = new int[System.Numerics.BitOperations.PopCount(mask)];
        var ranges = new (int Start, int End)[nibbles.Length];
        int count = 0;
        for (uint m = mask; m != 0; m &= m - 1)
        {
            nibbles[count] = System.Numerics.BitOperations.TrailingZeroCount(m);
            ranges[count] = subtrees[nibbles[count]];
            count++;
        }
        var childRefs = new byte[count * 32];
        var childLengths = new int[count];
        (byte[] Key, byte[] Value)[] all = _items;
        int threads = _threads;
        Threading.Parallelism.For(count, threads, c =>
        {
            var (start, end) = ranges[c];
            var builder = new SortedTrieBuilder(all, threads: 1, _chunks);
            childLengths[c] = builder.BuildNode(all.AsSpan(offset + start, end - start), offset + start, depth, childRefs.AsSpan(c * 32, 32));
        });
        for (int c = 0; c < count; c++)
        {
            childRefs.AsSpan(c * 32, 32).CopyTo(refs.Slice(nibbles[c] * 32, 32));
            lengths[nibbles[c]] = childLengths[c];
        }
    }

    /// <summary>Encodes the leaf children named by <paramref name="mask"/> back to back and hashes them in one batch.</summary>
    private void HashLeaves(ReadOnlySpan<(byte[] Key, byte[] Value)> items, ReadOnlySpan<int> itemOf, ushort mask, int depth, Span<byte> refs, Span<int> lengths)
    {
        int total = 0;
        for (uint m = mask; m != 0; m &= m - 1)
        {
            var (key, value) = items[itemOf[System.Numerics.BitOperations.TrailingZeroCount(m)]];
            total += TrieEncoding.LeafLength(key.Length * 2 - depth, value);
        }
        Span<byte> scratch = Scratch(total);
        Span<(int Offset, int Length)> messages = stackalloc (int, int)[16];
        Span<int> slots = stackalloc int[16];
        Span<byte> digests = stackalloc byte[16 * 32];
        int offset = 0, hashed = 0;
        for (uint m = mask; m != 0; m &= m - 1)
        {
            int nibble = System.Numerics.BitOperations.TrailingZeroCount(m);
            var (key, value) = items[itemOf[nibble]];
            int length = TrieEncoding.WriteLeaf(scratch[offset..], key, depth, key.Length * 2, value);
            if (length < 32)
            {
                scratch.Slice(offset, length).CopyTo(refs.Slice(nibble * 32, 32));
                lengths[nibble] = length;
                continue;
            }
            messages[hashed] = (offset, length);
            slots[hashed++] = nibble;
            offset += length;
        }
        Keccak256.ComputeMany(scratch[..offset], messages[..hashed], digests);
        for (int h = 0; h < hashed; h++)
        {
            digests.Slice(h * 32, 32).CopyTo(refs.Slice(slots[h] * 32, 32));
            lengths[slots[h]] = 32;
        }
    }

    private int EncodeLeaf(byte[] key, int depth, byte[] value, Span<byte> reference)
    {
        int end = key.Length * 2;
        Span<byte> scratch = Scratch(TrieEncoding.LeafLength(end - depth, value));
        int written = TrieEncoding.WriteLeaf(scratch, key, depth, end, value);
        Debug.Assert(written == scratch.Length);
        return TrieEncoding.MakeRef(scratch, reference);
    }

    /// <summary>One buffer serves every node: a node is encoded only after all its children are finished.</summary>
    private Span<byte> Scratch(int size)
    {
        if (_buffer.Length < size) _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        return _buffer.AsSpan(0, size);
    }

    private static int WriteEmpty(Span<byte> destination)
    {
        destination[0] = RlpEncoding.EmptyString;
        return 1;
    }

    private static int SharedNibbles(byte[] first, byte[] last, int depth)
    {
        int max = Math.Min(first.Length, last.Length) * 2;
        int i = depth;
        while (i < max && HexPrefix.Nibble(first, i) == HexPrefix.Nibble(last, i)) i++;
        return i - depth;
    }
}
