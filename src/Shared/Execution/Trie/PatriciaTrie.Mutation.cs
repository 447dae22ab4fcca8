namespace EvmCluster.Execution.Trie;

/// <summary>
/// In-place insert and delete that keep the trie canonical (no one-child branches, merged extensions).
/// A node slot holds null, a leaf (byte[], see <see cref="Leaf"/>), an <see cref="ExtensionNode"/> or a
/// <see cref="BranchNode"/>; every node whose encoding changes is marked dirty along with its ancestors.
/// </summary>
public sealed partial class PatriciaTrie
{
    /// <summary>Inserts below <paramref name="node"/> (which sits at nibble <paramref name="depth"/>); returns what now fills its slot.</summary>
    private object Insert(object? node, ReadOnlySpan<byte> key, int depth, ReadOnlySpan<byte> value)
    {
        switch (node)
        {
            case null:
                _count++;
                return Leaf.Create(key, value, depth);
            case byte[] leaf:
                return InsertAtLeaf(leaf, key, depth, value);
            case ExtensionNode extension:
                return InsertAtExtension(extension, key, depth, value);
            default:
                var branch = (BranchNode)node;
                if (depth == key.Length * 2)
                {
                    if (branch.Value is null)
                    {
                        branch.Value = Leaf.Create(key, value, depth);
                        _count++;
                        branch.MarkDirty();
                    }
                    else if (!Leaf.Value(branch.Value).SequenceEqual(value))
                    {
                        branch.Value = Leaf.WithValue(branch.Value, value);
                        branch.MarkDirty();
                    }
                    return branch;
                }
                int nibble = HexPrefix.Nibble(key, depth);
                object child = Insert(branch.Children[nibble], key, depth + 1, value);
                branch.Children[nibble] = child;
                if (ChildRef.IsDirty(child))
                {
                    branch.MarkDirty();
                    branch.MaybeDirtyChildren |= (ushort)(1 << nibble);
                }
                return branch;
        }
    }

    private object InsertAtLeaf(byte[] leaf, ReadOnlySpan<byte> key, int depth, ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> leafKey = Leaf.Key(leaf);
        if (leafKey.SequenceEqual(key)) return Leaf.WithValue(leaf, value);

        // Split: a branch where the two keys part, under an extension for any nibbles they still share.
        int shared = CommonNibbles(key, leafKey, depth);
        int at = depth + shared;
        var branch = new BranchNode();
        Attach(branch, leaf, at);
        Attach(branch, Leaf.Create(key, value, at), at);
        _count++;
        return shared == 0 ? branch : new ExtensionNode(KeyNibbles(key, depth, at), branch);
    }

    private object InsertAtExtension(ExtensionNode extension, ReadOnlySpan<byte> key, int depth, ReadOnlySpan<byte> value)
    {
        byte[] path = extension.Path;
        int keyNibbles = key.Length * 2;
        int shared = 0;
        while (shared < path.Length && depth + shared < keyNibbles && HexPrefix.Nibble(key, depth + shared) == path[shared]) shared++;

        if (shared == path.Length)
        {
            extension.Child = (BranchNode)Insert(extension.Child, key, depth + shared, value);
            if (extension.Child.IsDirty) extension.MarkDirty();
            return extension;
        }

        // The key leaves the extension part-way: a branch at the split, the old tail beneath it.
        var branch = new BranchNode();
        int tail = path.Length - shared - 1;
        branch.Children[path[shared]] = tail == 0 ? extension.Child : new ExtensionNode(path[(shared + 1)..], extension.Child);
        Attach(branch, Leaf.Create(key, value, depth + shared), depth + shared);
        _count++;
        if (shared == 0) return branch;
        extension.Path = path[..shared];
        extension.Child = branch;
        extension.MarkDirty();
        return extension;
    }

    /// <summary>Hangs a leaf under a branch at nibble depth <paramref name="at"/>: as its value if the key ends there, else in a child slot.</summary>
    private static void Attach(BranchNode branch, byte[] leaf, int at)
    {
        if (Leaf.KeyLength(leaf) * 2 == at)
        {
            Leaf.SetPathStart(leaf, at);
            branch.Value = leaf;
        }
        else
        {
            Leaf.SetPathStart(leaf, at + 1);
            branch.Children[HexPrefix.Nibble(Leaf.Key(leaf), at)] = leaf;
        }
    }

    /// <summary>Removes <paramref name="key"/> below <paramref name="node"/>; returns what now fills its slot (null when the subtree emptied).</summary>
    private object? Remove(object node, ReadOnlySpan<byte> key, int depth, ref bool removed)
    {
        switch (node)
        {
            case byte[] leaf:
                if (!Leaf.Key(leaf).SequenceEqual(key)) return leaf;
                removed = true;
                return null;

            case ExtensionNode extension:
            {
                byte[] path = extension.Path;
                if (key.Length * 2 - depth < path.Length) return extension;
                for (int i = 0; i < path.Length; i++)
                    if (HexPrefix.Nibble(key, depth + i) != path[i]) return extension;
                object? child = Remove(extension.Child, key, depth + path.Length, ref removed);
                if (!removed) return extension;
                return child switch
                {
                    // A branch under an extension keeps at least one entry after a removal.
                    BranchNode branch => Relink(extension, branch),
                    byte[] leaf => MoveUp(leaf, depth),
                    ExtensionNode lower => Relink(extension, lower.Child, [.. path, .. lower.Path]),
                    _ => throw new InvalidOperationException("extension lost its branch"),
                };
            }

            default:
            {
                var branch = (BranchNode)node;
                if (depth == key.Length * 2)
                {
                    if (branch.Value is null) return branch;
                    branch.Value = null;
                    removed = true;
                }
                else
                {
                    int nibble = HexPrefix.Nibble(key, depth);
                    object? child = branch.Children[nibble];
                    if (child is null) return branch;
                    child = Remove(child, key, depth + 1, ref removed);
                    if (!removed) return branch;
                    branch.Children[nibble] = child;
                    branch.MaybeDirtyChildren |= (ushort)(1 << nibble);
                }
                branch.MarkDirty();
                return Collapse(branch, depth);
            }
        }
    }

    /// <summary>A branch left with a single entry is replaced by that entry, re-rooted at the branch's depth.</summary>
    private static object Collapse(BranchNode branch, int depth)
    {
        int entries = branch.Value is null ? 0 : 1;
        int last = -1;
        for (int i = 0; i < 16 && entries < 2; i++)
        {
            if (branch.Children[i] is not null)
            {
                entries++;
                last = i;
            }
        }
        if (entries >= 2) return branch;
        if (branch.Value is not null) return MoveUp(branch.Value, depth);

        object only = branch.Children[last]!;
        return only switch
        {
            byte[] leaf => MoveUp(leaf, depth),
            ExtensionNode extension => Relink(extension, extension.Child, [(byte)last, .. extension.Path]),
            _ => new ExtensionNode([(byte)last], (BranchNode)only),
        };
    }

    private static byte[] MoveUp(byte[] leaf, int pathStart)
    {
        Leaf.SetPathStart(leaf, pathStart);
        return leaf;
    }

    private static ExtensionNode Relink(ExtensionNode extension, BranchNode child)
    {
        extension.Child = child;
        extension.MarkDirty();
        return extension;
    }

    private static ExtensionNode Relink(ExtensionNode extension, BranchNode child, byte[] path)
    {
        extension.Path = path;
        return Relink(extension, child);
    }

    private static byte[] KeyNibbles(ReadOnlySpan<byte> key, int start, int end)
    {
        var nibbles = new byte[end - start];
        for (int i = 0; i < nibbles.Length; i++) nibbles[i] = (byte)HexPrefix.Nibble(key, start + i);
        return nibbles;
    }

    /// <summary>How many nibbles two keys share from <paramref name="depth"/> on.</summary>
    private static int CommonNibbles(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int depth)
    {
        int max = Math.Min(a.Length, b.Length) * 2;
        int i = depth;
        // Align to a byte boundary, then compare whole bytes.
        if ((i & 1) == 1 && i < max)
        {
            if (HexPrefix.Nibble(a, i) != HexPrefix.Nibble(b, i)) return 0;
            i++;
        }
        int same = a[(i >> 1)..(max >> 1)].CommonPrefixLength(b[(i >> 1)..(max >> 1)]);
        i += same * 2;
        if (i < max && HexPrefix.Nibble(a, i) == HexPrefix.Nibble(b, i)) i++;
        return i - depth;
    }
}
