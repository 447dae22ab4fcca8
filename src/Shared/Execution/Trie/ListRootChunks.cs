using EvmCluster.Evm.Core;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// A list trie (keys rlp(index)) hashed piece by piece while its items are still arriving in order. The
/// 256 indices that share the high byte of a three-byte key (256 × j … 256 × j + 255, for 256 ≤ index &lt;
/// 65,536) form a full subtree four nibbles down whose shape and hash depend on those items alone, so the
/// subtree can be hashed as soon as its last item is known. <see cref="Root"/> then builds the rest of the
/// trie around the hashed chunks: the result is exactly <see cref="PatriciaTrie.ComputeListRoot"/>'s.
/// Chunks may be hashed concurrently (each by one thread); <see cref="Root"/> runs after all of them.
/// </summary>
public sealed class ListRootChunks
{
    public const int ItemsPerChunk = 256;

    /// <summary>Nibbles above a chunk's subtree: the key's length byte (0x82) and the index's high byte.</summary>
    internal const int ChunkDepth = 4;

    private const int FirstChunk = 1;
    private const int MinItemsForThreads = 512;
    /// <summary>Indices from 65,536 on have four-byte keys; chunks stop before them.</summary>
    private const int EndChunk = 256;

    private readonly byte[]?[] _encoded;
    /// <summary>The keys (rlp(index)) of the hashed chunks' items, for the final build to reuse.</summary>
    private readonly byte[]?[] _keys;
    private readonly byte[]?[] _chunkRefs;

    /// <param name="count">How many items the list will have.</param>
    public ListRootChunks(int count)
    {
        _encoded = new byte[count][];
        _keys = new byte[count][];
        Chunks = Math.Max(FirstChunk, Math.Min(count / ItemsPerChunk, EndChunk));
        _chunkRefs = new byte[Chunks][];
    }

    /// <summary>Chunks 1 … Chunks − 1 are complete once their items are (chunk 0 is never hashed on its own).</summary>
    public int Chunks { get; }

    /// <summary>Whether <paramref name="chunk"/> can be hashed once items below <paramref name="itemsKnown"/> are final.</summary>
    public bool IsReady(int chunk, int itemsKnown) => chunk >= FirstChunk && chunk < Chunks && (chunk + 1) * ItemsPerChunk <= itemsKnown;

    /// <summary>Encodes the chunk's items with <paramref name="encode"/> (by index) and hashes their subtree.</summary>
    public void HashChunk(int chunk, Func<int, byte[]> encode)
    {
        if (chunk < FirstChunk || chunk >= Chunks) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"chunks run from {FirstChunk} to {Chunks - 1}");
        int first = chunk * ItemsPerChunk;
        var items = new (byte[] Key, byte[] Value)[ItemsPerChunk];
        for (int i = 0; i < ItemsPerChunk; i++)
        {
            byte[] value = _encoded[first + i] = encode(first + i);
            if (value.Length == 0) throw new ArgumentException($"item {first + i} encodes to nothing; a list item is never empty", nameof(encode));
            items[i] = (_keys[first + i] = RlpEncoding.EncodeULong((ulong)(first + i)), value);
        }
        _chunkRefs[chunk] = SortedTrieBuilder.ChunkReference(items);
    }

    /// <summary>The list's root: items not yet encoded are encoded with <paramref name="encode"/> (on up to <paramref name="threads"/> threads).</summary>
    public Hash256 Root(Func<int, byte[]> encode, int threads)
    {
        byte[]?[] encoded = _encoded;
        int missing = 0;
        foreach (byte[]? item in encoded) if (item is null) missing++;
        // Handing a few hundred items to other threads costs more than it saves; so does building the few
        // nodes above the hashed chunks there.
        if (missing < MinItemsForThreads) threads = 1;
        Threading.Parallelism.For(encoded.Length, threads, i => encoded[i] ??= encode(i));
        return SortedTrieBuilder.ComputeListRoot(encoded!, threads, this);
    }

    /// <summary>The key of item <paramref name="index"/> if a hashed chunk made it already.</summary>
    internal byte[]? KeyOf(int index) => _keys[index];

    /// <summary>The hashed subtree of the chunk that starts at list position <paramref name="offset"/>, if any.</summary>
    internal byte[]? HashedChunkAt(int offset) =>
        offset % ItemsPerChunk == 0 && offset / ItemsPerChunk is var chunk && chunk >= FirstChunk && chunk < Chunks ? _chunkRefs[chunk] : null;
}
