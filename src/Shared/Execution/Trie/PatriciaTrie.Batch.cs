namespace EvmCluster.Execution.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>Below this many changes a batch is applied on the calling thread.</summary>
    private const int MinChangesForParallel = 512;

    /// <summary>
    /// Applies many changes (an empty value deletes), with the same result as calling <see cref="Set"/> for
    /// each in order. When the root is a branch the changes are grouped by their first nibble and the
    /// sixteen child subtrees, which share no node, are updated on up to <paramref name="threads"/> threads.
    /// </summary>
    public void SetMany(IReadOnlyList<byte[]> keys, IReadOnlyList<byte[]> values, int threads)
    {
        if (keys.Count != values.Count) throw new ArgumentException($"{keys.Count} keys but {values.Count} values", nameof(values));
        if (threads <= 1 || keys.Count < MinChangesForParallel || _root is not BranchNode root || HasEmptyKey(keys))
        {
            for (int i = 0; i < keys.Count; i++) Set(keys[i], values[i]);
            return;
        }

        int[][] byNibble = GroupByFirstNibble(keys);
        var counts = new int[16];
        Threading.Parallelism.For(16, threads, nibble =>
        {
            int[] group = byNibble[nibble];
            if (group.Length == 0) return;
            // A trie of its own per child only for its key count: Insert and Remove touch nothing else.
            var part = new PatriciaTrie();
            object? child = root.Children[nibble];
            foreach (int i in group)
            {
                if (values[i].Length > 0)
                {
                    child = part.Insert(child, keys[i], 1, values[i]);
                }
                else if (child is not null)
                {
                    bool removed = false;
                    child = part.Remove(child, keys[i], 1, ref removed);
                    if (removed) part._count--;
                }
            }
            root.Children[nibble] = child;
            counts[nibble] = part._count;
        });

        for (int nibble = 0; nibble < 16; nibble++)
        {
            if (byNibble[nibble].Length == 0) continue;
            _count += counts[nibble];
            root.MaybeDirtyChildren |= (ushort)(1 << nibble);
        }
        root.MarkDirty();
        _root = _count == 0 ? null : Collapse(root, 0);
    }

    private static bool HasEmptyKey(IReadOnlyList<byte[]> keys)
    {
        for (int i = 0; i < keys.Count; i++) if (keys[i].Length == 0) return true;
        return false;
    }

    /// <summary>Indices of the keys by their first nibble, each group in the given order (a later change to a key wins).</summary>
    private static int[][] GroupByFirstNibble(IReadOnlyList<byte[]> keys)
    {
        Span<int> sizes = stackalloc int[16];
        sizes.Clear();
        for (int i = 0; i < keys.Count; i++) sizes[keys[i][0] >> 4]++;
        var groups = new int[16][];
        for (int n = 0; n < 16; n++) groups[n] = new int[sizes[n]];
        sizes.Clear();
        for (int i = 0; i < keys.Count; i++)
        {
            int n = keys[i][0] >> 4;
            groups[n][sizes[n]++] = i;
        }
        return groups;
    }
}
