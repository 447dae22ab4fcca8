using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// Recomputes the cached references of dirty nodes. The trie is cut a few levels down into subtrees of a
/// few thousand keys; within a subtree, dirty nodes are grouped by height (a node's dirty children sit at
/// lower heights), so all nodes of one height are independent: they are encoded in chunks and hashed
/// together with <see cref="Keccak256.ComputeMany"/> (eight per permutation with AVX-512). Working one
/// subtree at a time keeps its nodes in cache between the passes, and the subtrees spread across cores.
/// Clean subtrees are never visited.
/// </summary>
internal sealed class TrieHasher
{
    private const int ChunkSize = 128;
    private const int KeysPerSubtree = 2048;
    private const int MinSubtreesForParallel = 4;

    private readonly List<object> _subtrees = [];

    [ThreadStatic]
    private static LevelHasher? t_levelHasher;

    private static LevelHasher Local => t_levelHasher ??= new LevelHasher();

    /// <summary>
    /// Hashes every dirty node under <paramref name="root"/>; <paramref name="keyCount"/> sizes the subtrees,
    /// which are spread over up to <paramref name="threads"/> threads.
    /// </summary>
    public void Hash(object root, int keyCount, int threads)
    {
        if (!ChildRef.IsDirty(root)) return;

        int cutDepth = 0;
        for (long keys = keyCount; keys >= 16L * KeysPerSubtree; keys /= 16) cutDepth++;
        // With threads to spare, cut a mid-sized trie below the root too: sixteen subtrees to share out.
        if (cutDepth == 0 && threads > 1 && keyCount >= KeysPerSubtree) cutDepth = 1;
        if (cutDepth > 0)
        {
            _subtrees.Clear();
            FindSubtrees(root, cutDepth, _subtrees);
            if (threads > 1 && _subtrees.Count >= MinSubtreesForParallel)
            {
                List<object> subtrees = _subtrees;
                Threading.Parallelism.For(subtrees.Count, threads, i => Local.Hash(subtrees[i]));
            }
            else
            {
                LevelHasher local = Local;
                foreach (object subtree in _subtrees) local.Hash(subtree);
            }
            _subtrees.Clear();
        }
        // The top levels; their dirty descendants below the cut are clean by now.
        Local.Hash(root);
    }

    /// <summary>Collects the dirty nodes <paramref name="depth"/> node levels below <paramref name="node"/>.</summary>
    private static void FindSubtrees(object node, int depth, List<object> output)
    {
        if (depth == 0)
        {
            output.Add(node);
            return;
        }
        if (node is BranchNode branch)
        {
            for (uint mask = branch.MaybeDirtyChildren; mask != 0; mask &= mask - 1)
            {
                object? child = branch.Children[System.Numerics.BitOperations.TrailingZeroCount(mask)];
                if (child is not null && ChildRef.IsDirty(child)) FindSubtrees(child, depth - 1, output);
            }
        }
        else if (node is ExtensionNode extension && extension.Child.IsDirty)
        {
            FindSubtrees(extension.Child, depth - 1, output);
        }
    }

    /// <summary>Per-thread state: dirty nodes by height, and the chunk encoder.</summary>
    private sealed class LevelHasher
    {
        private readonly List<List<object>> _levels = [];
        private readonly ChunkEncoder _encoder = new();

        public void Hash(object root)
        {
            if (!ChildRef.IsDirty(root)) return;
            int top = Collect(root);
            for (int height = 0; height <= top; height++)
            {
                List<object> level = _levels[height];
                for (int start = 0; start < level.Count; start += ChunkSize)
                    _encoder.HashChunk(level, start, Math.Min(ChunkSize, level.Count - start));
                // Keep the lists for the next block, but not a full rebuild's worth of capacity.
                if (level.Capacity > 1 << 14) _levels[height] = [];
                else level.Clear();
            }
        }

        /// <summary>Adds <paramref name="node"/> (dirty) and its dirty descendants to their height lists; returns its height.</summary>
        private int Collect(object node)
        {
            int height = 0;
            if (node is BranchNode branch)
            {
                PrefetchChildren(branch);
                for (uint mask = branch.MaybeDirtyChildren; mask != 0; mask &= mask - 1)
                {
                    object? child = branch.Children[System.Numerics.BitOperations.TrailingZeroCount(mask)];
                    if (child is not null && ChildRef.IsDirty(child)) height = Math.Max(height, Collect(child) + 1);
                }
                branch.MaybeDirtyChildren = 0;
            }
            else if (node is ExtensionNode extension && extension.Child.IsDirty)
            {
                height = Collect(extension.Child) + 1;
            }
            while (_levels.Count <= height) _levels.Add([]);
            _levels[height].Add(node);
            return height;
        }
    }

    /// <summary>
    /// The branch will be encoded from all its children's cached references, clean ones included, each in
    /// its own object somewhere in a large heap. Asking for them all now overlaps those cache misses instead
    /// of taking them one by one at encoding time. A stale address after a GC move only wastes the hint.
    /// </summary>
    private static unsafe void PrefetchChildren(BranchNode branch)
    {
        if (!Sse.IsSupported) return;
        for (int i = 0; i < 16; i++)
        {
            // No type test: that would read the object header, the very miss being avoided.
            object? child = branch.Children[i];
            if (child is not null) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.As<RawObject>(child).FirstByte));
        }
    }

    /// <summary>Overlay for the address of any object's first field (an array's length), without touching it.</summary>
    private sealed class RawObject
    {
#pragma warning disable CS0649 // never written: only its address is taken
        public byte FirstByte;
#pragma warning restore CS0649
    }

    /// <summary>Per-thread buffers: the chunk's encodings back to back, the ones to hash, and their digests.</summary>
    private sealed class ChunkEncoder
    {
        private byte[] _buffer = new byte[ChunkSize * 160];
        private readonly (int Offset, int Length)[] _messages = new (int, int)[ChunkSize];
        private readonly object[] _targets = new object[ChunkSize];
        private readonly byte[] _digests = new byte[ChunkSize * 32];

        public void HashChunk(List<object> nodes, int start, int count)
        {
            int offset = 0;
            int hashed = 0;
            for (int i = start; i < start + count; i++)
            {
                object node = nodes[i];
                int length = EncodedLength(node, out int payload);
                if (_buffer.Length - offset < length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, offset + length));
                Span<byte> encoding = _buffer.AsSpan(offset, length);
                int written = Encode(node, encoding, payload);
                Debug.Assert(written == length);
                if (length < 32)
                {
                    // Embedded in the parent: the reference is the encoding itself.
                    ChildRef.Set(node, encoding);
                    continue;
                }
                _messages[hashed] = (offset, length);
                _targets[hashed++] = node;
                offset += length;
            }

            Keccak256.ComputeMany(_buffer.AsSpan(0, offset), _messages.AsSpan(0, hashed), _digests);
            for (int i = 0; i < hashed; i++)
            {
                ChildRef.Set(_targets[i], _digests.AsSpan(i * 32, 32));
                _targets[i] = null!;
            }
            // A huge value grew the buffer; do not keep it per thread.
            if (_buffer.Length > 1 << 20) _buffer = new byte[ChunkSize * 160];
        }
    }

    /// <summary>Encoded size of a node; for a branch also its list payload size, reused by <see cref="Encode"/>.</summary>
    private static int EncodedLength(object node, out int branchPayload)
    {
        branchPayload = 0;
        switch (node)
        {
            case byte[] leaf:
                return TrieEncoding.LeafLength(Leaf.KeyLength(leaf) * 2 - Leaf.PathStart(leaf), Leaf.Value(leaf));
            case ExtensionNode extension:
                return TrieEncoding.ExtensionLength(extension.Path.Length, extension.Child.RefLength);
            default:
                branchPayload = BranchPayload((BranchNode)node);
                return RlpEncoding.LengthOfList(branchPayload);
        }
    }

    private static int BranchPayload(BranchNode branch)
    {
        int payload = branch.Value is null ? 1 : RlpEncoding.LengthOfBytes(Leaf.Value(branch.Value));
        for (int i = 0; i < 16; i++)
        {
            object? child = branch.Children[i];
            payload += child is null ? 1 : ChildRef.ItemLength(child);
        }
        return payload;
    }

    private static int Encode(object node, Span<byte> destination, int branchPayload)
    {
        switch (node)
        {
            case byte[] leaf:
                return TrieEncoding.WriteLeaf(destination, Leaf.Key(leaf), Leaf.PathStart(leaf), Leaf.KeyLength(leaf) * 2, Leaf.Value(leaf));
            case ExtensionNode extension:
                return TrieEncoding.WriteExtension(destination, extension.Path, ChildRef.Span(extension.Child));
            default:
                var branch = (BranchNode)node;
                int p = RlpEncoding.WriteListHeader(destination, branchPayload);
                for (int i = 0; i < 16; i++)
                {
                    object? child = branch.Children[i];
                    if (child is null) destination[p++] = RlpEncoding.EmptyString;
                    else p += TrieEncoding.WriteRefItem(destination[p..], ChildRef.Span(child));
                }
                if (branch.Value is null) destination[p++] = RlpEncoding.EmptyString;
                else p += RlpEncoding.WriteBytes(destination[p..], Leaf.Value(branch.Value));
                return p;
        }
    }
}
