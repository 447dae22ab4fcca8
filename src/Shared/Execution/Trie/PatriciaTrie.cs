using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// A mutable in-memory Merkle-Patricia trie (Yellow Paper appendix D) with incremental root hashing:
/// every node caches its hash (or, under 32 bytes, its embedded RLP) and a change only dirties the nodes
/// on its path, so <see cref="RootHash"/> after a few thousand updates re-hashes only those paths.
/// Keys are raw bytes: pass keccak(address) / keccak(slot) for the secure state and storage tries and
/// rlp(index) for transaction and receipt tries. An empty value means "absent". Not thread-safe.
/// </summary>
public sealed partial class PatriciaTrie
{
    /// <summary>Root of the empty trie: keccak256(rlp("")).</summary>
    public static readonly Hash256 EmptyRoot = Keccak256.Compute([0x80]);

    private object? _root;
    private int _count;
    private readonly TrieHasher _hasher = new();

    /// <summary>
    /// Whether <see cref="RootHash()"/> may spread the rehash of a large trie over every core (default true). Turn it
    /// off when many tries are hashed concurrently by the caller.
    /// </summary>
    public bool AllowParallelHashing { get; set; } = true;

    /// <summary>Number of keys with a (non-empty) value.</summary>
    public int Count => _count;

    /// <summary>Inserts or replaces the value of <paramref name="key"/>; an empty value deletes the key.</summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            Delete(key);
            return;
        }
        _root = Insert(_root, key, 0, value);
    }

    /// <summary>Removes <paramref name="key"/>; returns false when it was not present.</summary>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        if (_root is null) return false;
        bool removed = false;
        _root = Remove(_root, key, 0, ref removed);
        if (removed) _count--;
        return removed;
    }

    /// <summary>
    /// Looks up <paramref name="key"/>. The returned span aliases the trie's storage: copy it if it must
    /// outlive the next change to that key (a same-size update overwrites it in place).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        byte[]? leaf = Find(key);
        value = leaf is null ? default : Leaf.Value(leaf);
        return leaf is not null;
    }

    /// <summary>The value of <paramref name="key"/> as a new array, or null when absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => Find(key) is { } leaf ? Leaf.Value(leaf).ToArray() : null;

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        _root = null;
        _count = 0;
    }

    /// <summary>The root hash; only nodes changed since the previous call are re-encoded and re-hashed.</summary>
    public Hash256 RootHash() => RootHash(AllowParallelHashing && _count >= LargeTrieKeys ? Environment.ProcessorCount : 1);

    /// <summary>Tries this large spread <see cref="RootHash()"/> over every core when allowed.</summary>
    private const int LargeTrieKeys = 32_768;

    /// <summary>The root hash, re-hashing the changed nodes on up to <paramref name="threads"/> threads.</summary>
    public Hash256 RootHash(int threads)
    {
        if (_root is null) return EmptyRoot;
        _hasher.Hash(_root, _count, threads);
        // The root is always referenced by hash, even when its RLP is shorter than 32 bytes.
        ReadOnlySpan<byte> reference = ChildRef.Span(_root);
        return reference.Length == 32 ? new Hash256(reference) : Keccak256.Compute(reference);
    }

    /// <summary>
    /// Root of a key/value set in one pass (sort, then build bottom-up). Later duplicates win and empty
    /// values count as absent, as with successive <see cref="Set"/> calls.
    /// </summary>
    /// <param name="threads">Up to how many threads build large subtrees.</param>
    public static Hash256 ComputeRoot(IEnumerable<(byte[] Key, byte[] Value)> entries, int threads = 1) => SortedTrieBuilder.ComputeRoot(entries, threads);

    /// <summary>Root of an ordered list keyed by rlp(index): transactions, receipts and withdrawals roots.</summary>
    /// <param name="threads">Up to how many threads build large subtrees.</param>
    public static Hash256 ComputeListRoot(IReadOnlyList<byte[]> encodedItems, int threads = 1) => SortedTrieBuilder.ComputeListRoot(encodedItems, threads);

    private byte[]? Find(ReadOnlySpan<byte> key)
    {
        object? node = _root;
        int depth = 0;
        int keyNibbles = key.Length * 2;
        while (node is not null)
        {
            switch (node)
            {
                case byte[] leaf:
                    return Leaf.Key(leaf).SequenceEqual(key) ? leaf : null;
                case ExtensionNode extension:
                    byte[] path = extension.Path;
                    if (keyNibbles - depth < path.Length) return null;
                    for (int i = 0; i < path.Length; i++)
                        if (HexPrefix.Nibble(key, depth + i) != path[i]) return null;
                    depth += path.Length;
                    node = extension.Child;
                    break;
                default:
                    var branch = (BranchNode)node;
                    if (depth == keyNibbles) return branch.Value;
                    node = branch.Children[HexPrefix.Nibble(key, depth)];
                    depth++;
                    break;
            }
        }
        return null;
    }
}
