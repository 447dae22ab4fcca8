using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Trie;

/// <summary>
/// Composes a trie's root from the roots of its parts below a fixed-length key prefix (one part per
/// prefix, see <see cref="PatriciaTrie.SubtreeBelow"/>), so state shards can hash in isolation and a
/// coordinator still gets the exact root, however sparse the shards are.
/// </summary>
public static class TrieComposer
{
    /// <summary>Largest supported prefix: the prefix must fit in a non-negative int.</summary>
    public const int MaxPrefixNibbles = 7;

    /// <summary>
    /// The root hash of the trie whose part below each <paramref name="prefixNibbles"/>-nibble prefix is
    /// <paramref name="subtreesByPrefix"/>[prefix], the prefix read as a big-endian nibble number (for two
    /// nibbles, the leading byte of the key). Missing and Empty entries are empty parts.
    /// </summary>
    public static Hash256 ComposeRoot(IReadOnlyDictionary<int, TrieSubtree> subtreesByPrefix, int prefixNibbles)
    {
        ArgumentNullException.ThrowIfNull(subtreesByPrefix);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixNibbles);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixNibbles, MaxPrefixNibbles);
        int prefixCount = 1 << (4 * prefixNibbles);

        var parts = new List<(int Prefix, TrieSubtree Subtree)>(subtreesByPrefix.Count);
        foreach (var (prefix, subtree) in subtreesByPrefix)
        {
            ArgumentNullException.ThrowIfNull(subtree, nameof(subtreesByPrefix));
            if (subtree.Kind == TrieSubtreeKind.Empty) continue;
            if ((uint)prefix >= (uint)prefixCount)
                throw new ArgumentException($"Prefix {prefix} does not fit in {prefixNibbles} nibbles.", nameof(subtreesByPrefix));
            Validate(prefix, subtree);
            parts.Add((prefix, subtree));
        }
        if (parts.Count == 0) return PatriciaTrie.EmptyRoot;
        parts.Sort((a, b) => a.Prefix.CompareTo(b.Prefix));

        TrieSubtree root = Compose(parts, 0, parts.Count, 0, prefixNibbles);
        // The root is always referenced by hash, even when its RLP is shorter than 32 bytes.
        if (root.Kind == TrieSubtreeKind.Branch)
            return root.Payload.Length == 32 ? new Hash256(root.Payload) : Keccak256.Compute(root.Payload);
        return Keccak256.Compute(Encode(root));
    }

    /// <summary>The node for sorted parts [<paramref name="start"/>, <paramref name="end"/>), seen from nibble <paramref name="depth"/>.</summary>
    private static TrieSubtree Compose(List<(int Prefix, TrieSubtree Subtree)> parts, int start, int end, int depth, int prefixNibbles)
    {
        // Prefixes are distinct, so at full depth a range holds exactly one part.
        if (depth == prefixNibbles) return parts[start].Subtree;

        int shift = 4 * (prefixNibbles - 1 - depth);
        int firstNibble = (parts[start].Prefix >> shift) & 0xF;
        if (((parts[end - 1].Prefix >> shift) & 0xF) == firstNibble)
        {
            // Everything continues through one nibble: no branch here, the node below moves up a level.
            TrieSubtree below = Compose(parts, start, end, depth + 1, prefixNibbles);
            return below.Kind == TrieSubtreeKind.Branch
                ? new TrieSubtree(TrieSubtreeKind.Extension, [(byte)firstNibble], below.Payload)
                : below with { Path = [(byte)firstNibble, .. below.Path] };
        }

        var childRefs = new byte[16][];
        for (int groupStart = start; groupStart < end;)
        {
            int nibble = (parts[groupStart].Prefix >> shift) & 0xF;
            int groupEnd = groupStart + 1;
            while (groupEnd < end && ((parts[groupEnd].Prefix >> shift) & 0xF) == nibble) groupEnd++;
            // A child of a branch gives up the nibble the branch consumes.
            childRefs[nibble] = Reference(Compose(parts, groupStart, groupEnd, depth + 1, prefixNibbles));
            groupStart = groupEnd;
        }
        return new TrieSubtree(TrieSubtreeKind.Branch, [], EncodeBranchRef(childRefs));
    }

    private static byte[] Reference(TrieSubtree node)
    {
        if (node.Kind == TrieSubtreeKind.Branch) return node.Payload;
        byte[] encoding = Encode(node);
        var reference = new byte[32];
        int length = TrieEncoding.MakeRef(encoding, reference);
        return length == 32 ? reference : reference[..length];
    }

    /// <summary>RLP of a leaf or extension node.</summary>
    private static byte[] Encode(TrieSubtree node)
    {
        if (node.Kind == TrieSubtreeKind.Extension)
        {
            var extension = new byte[TrieEncoding.ExtensionLength(node.Path.Length, node.Payload.Length)];
            TrieEncoding.WriteExtension(extension, node.Path, node.Payload);
            return extension;
        }
        return RlpEncoding.EncodeList(
            RlpEncoding.EncodeBytes(HexPrefix.Encode(node.Path, isLeaf: true)),
            RlpEncoding.EncodeBytes(node.Payload));
    }

    /// <summary>Reference of a value-less branch: keys here all extend past the prefix.</summary>
    private static byte[] EncodeBranchRef(byte[][] childRefs)
    {
        int payload = 1;
        foreach (byte[]? child in childRefs) payload += TrieEncoding.RefItemLength(child?.Length ?? 0);
        var encoding = new byte[RlpEncoding.LengthOfList(payload)];
        int p = RlpEncoding.WriteListHeader(encoding, payload);
        foreach (byte[]? child in childRefs) p += TrieEncoding.WriteRefItem(encoding.AsSpan(p), child);
        encoding[p] = RlpEncoding.EmptyString;

        var reference = new byte[32];
        int length = TrieEncoding.MakeRef(encoding, reference);
        return length == 32 ? reference : reference[..length];
    }

    private static void Validate(int prefix, TrieSubtree subtree)
    {
        string? problem = subtree.Kind switch
        {
            TrieSubtreeKind.Leaf when subtree.Payload.Length == 0 => "a leaf with an empty value",
            TrieSubtreeKind.Extension when subtree.Path.Length == 0 => "an extension with an empty path",
            TrieSubtreeKind.Extension or TrieSubtreeKind.Branch when subtree.Payload.Length is 0 or > 32 =>
                $"a {subtree.Kind} reference of {subtree.Payload.Length} bytes (expected 1..32)",
            TrieSubtreeKind.Branch when subtree.Path.Length != 0 => "a branch with a path",
            TrieSubtreeKind.Leaf or TrieSubtreeKind.Extension or TrieSubtreeKind.Branch => null,
            _ => $"unknown kind {subtree.Kind}",
        };
        if (problem is null && Array.Exists(subtree.Path, n => n > 0xF)) problem = "a path byte that is not a nibble";
        if (problem is not null)
            throw new ArgumentException($"The subtree for prefix {prefix} is invalid: {problem}.", "subtreesByPrefix");
    }
}
