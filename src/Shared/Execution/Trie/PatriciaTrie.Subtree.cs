namespace EvmCluster.Execution.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>
    /// Describes the root node with its first <paramref name="prefixNibbles"/> nibbles removed, for a trie
    /// whose keys all share that prefix (a state shard). Hashes first so that references are current.
    /// </summary>
    /// <exception cref="InvalidOperationException">The keys do not all share a prefix of that length.</exception>
    public TrieSubtree SubtreeBelow(int prefixNibbles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixNibbles);
        if (_root is null) return TrieSubtree.Empty;
        RootHash();

        switch (_root)
        {
            case byte[] leaf:
            {
                int start = Leaf.PathStart(leaf) + prefixNibbles;
                int end = Leaf.KeyLength(leaf) * 2;
                if (start > end)
                    throw new InvalidOperationException(
                        $"The trie's only key has {end - Leaf.PathStart(leaf)} path nibbles, fewer than the {prefixNibbles}-nibble prefix.");
                return new TrieSubtree(TrieSubtreeKind.Leaf, KeyNibbles(Leaf.Key(leaf), start, end), Leaf.Value(leaf).ToArray());
            }
            case ExtensionNode extension:
            {
                byte[] path = extension.Path;
                if (path.Length < prefixNibbles)
                    throw new InvalidOperationException(
                        $"The trie's keys share only {path.Length} leading nibbles, fewer than the {prefixNibbles}-nibble prefix.");
                byte[] childRef = ChildRef.Span(extension.Child).ToArray();
                // The prefix swallows the whole extension: what remains is its branch.
                return path.Length == prefixNibbles
                    ? new TrieSubtree(TrieSubtreeKind.Branch, [], childRef)
                    : new TrieSubtree(TrieSubtreeKind.Extension, path[prefixNibbles..], childRef);
            }
            default:
                if (prefixNibbles > 0)
                    throw new InvalidOperationException(
                        $"The trie's root is a branch, so its keys share no leading nibbles; a {prefixNibbles}-nibble prefix is impossible.");
                return new TrieSubtree(TrieSubtreeKind.Branch, [], ChildRef.Span(_root).ToArray());
        }
    }
}
