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
    private byte[] _buffer = new byte[1024];

    public static Hash256 ComputeRoot(IEnumerable<(byte[] Key, byte[] Value)> entries)
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
        if (unique.Count == 0) return PatriciaTrie.EmptyRoot;

        var builder = new SortedTrieBuilder();
        Span<byte> root = stackalloc byte[32];
        int length = builder.BuildNode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(unique), 0, root);
        return length == 32 ? new Hash256(root) : Keccak256.Compute(root[..length]);
    }

    /// <summary>Writes the reference of the subtree holding <paramref name="items"/> (all sharing nibbles before <paramref name="depth"/>).</summary>
    private int BuildNode(ReadOnlySpan<(byte[] Key, byte[] Value)> items, int depth, Span<byte> reference)
    {
        if (items.Length == 1) return EncodeLeaf(items[0].Key, depth, items[0].Value, reference);

        int shared = SharedNibbles(items[0].Key, items[^1].Key, depth);
        if (shared == 0) return BuildBranch(items, depth, reference);

        Span<byte> child = stackalloc byte[32];
        int childLength = BuildBranch(items, depth + shared, child);
        Span<byte> scratch = Scratch(TrieEncoding.ExtensionLength(shared, childLength));
        int written = TrieEncoding.WriteExtension(scratch, items[0].Key, depth, depth + shared, child[..childLength]);
        Debug.Assert(written == scratch.Length);
        return TrieEncoding.MakeRef(scratch, reference);
    }

    private int BuildBranch(ReadOnlySpan<(byte[] Key, byte[] Value)> items, int depth, Span<byte> reference)
    {
        Span<byte> refs = stackalloc byte[16 * 32];
        Span<int> lengths = stackalloc int[16];
        lengths.Clear();

        int i = 0;
        byte[]? value = null;
        // Sorted order puts a key that ends at this depth first (it is a prefix of all the others).
        if (items[0].Key.Length * 2 == depth) value = items[i++].Value;

        // Subtrees first; single-key children (leaves) are then encoded side by side and hashed together.
        Span<int> leafItem = stackalloc int[16];
        int leaves = 0;
        ushort leafMask = 0;
        while (i < items.Length)
        {
            int nibble = HexPrefix.Nibble(items[i].Key, depth);
            int end = i + 1;
            while (end < items.Length && HexPrefix.Nibble(items[end].Key, depth) == nibble) end++;
            if (end - i == 1)
            {
                leafItem[nibble] = i;
                leafMask |= (ushort)(1 << nibble);
                leaves++;
            }
            else
            {
                lengths[nibble] = BuildNode(items[i..end], depth + 1, refs.Slice(nibble * 32, 32));
            }
            i = end;
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
