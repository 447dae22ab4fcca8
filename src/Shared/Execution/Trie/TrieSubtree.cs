namespace EvmCluster.Execution.Trie;

/// <summary>The kind of node a <see cref="TrieSubtree"/> describes.</summary>
public enum TrieSubtreeKind : byte
{
    Empty = 0,
    Leaf = 1,
    Extension = 2,
    Branch = 3,
}

/// <summary>
/// A trie's root node as seen from below a key prefix shared by all its keys, so that a coordinator can
/// compose several such pieces (see <see cref="TrieComposer"/>) into the root of the whole trie.
/// <see cref="Path"/>: the remaining nibbles, one per byte (Leaf, Extension; empty for Branch and Empty).
/// <see cref="Payload"/>: Leaf → the value; Extension → the child branch's reference; Branch → the
/// branch's own reference. A reference is the keccak of the node's RLP, or the RLP itself when shorter
/// than 32 bytes. Equality compares the bytes.
/// </summary>
public sealed record TrieSubtree(TrieSubtreeKind Kind, byte[] Path, byte[] Payload)
{
    /// <summary>A subtree with no keys.</summary>
    public static readonly TrieSubtree Empty = new(TrieSubtreeKind.Empty, [], []);

    public bool Equals(TrieSubtree? other) =>
        other is not null && Kind == other.Kind && Path.AsSpan().SequenceEqual(other.Path) && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.AddBytes(Path);
        hash.AddBytes(Payload);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Kind}(path {Convert.ToHexString(Path)}, payload {Convert.ToHexString(Payload)})";
}
