using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EvmCluster.Execution.Trie;

/// <summary>32 inline bytes: a node's cached reference without a separate allocation.</summary>
[InlineArray(32)]
internal struct NodeRefBytes
{
    private byte _element0;
}

/// <summary>The 16 child slots of a branch, inline in the node object: null, a leaf (byte[]) or a <see cref="TrieNode"/>.</summary>
[InlineArray(16)]
internal struct BranchChildren
{
    private object? _element0;
}

/// <summary>
/// An inner node (branch or extension). Each node caches how its parent refers to it: the keccak of its
/// RLP when that is 32 bytes or more (<see cref="RefLength"/> = 32), otherwise the RLP itself, embedded in
/// the parent. <see cref="RefLength"/> = 0 marks the node dirty; a clean node only has clean descendants.
/// </summary>
internal abstract class TrieNode
{
    internal NodeRefBytes Ref;
    internal byte RefLength;

    public bool IsDirty
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => RefLength == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkDirty() => RefLength = 0;
}

/// <summary>An extension: a shared run of nibbles (one per byte, usually very short) leading to a branch.</summary>
internal sealed class ExtensionNode : TrieNode
{
    internal byte[] Path;
    internal BranchNode Child;

    public ExtensionNode(byte[] path, BranchNode child)
    {
        Path = path;
        Child = child;
    }
}

/// <summary>A 16-way branch, optionally holding (as a leaf with an empty path) the value of a key that ends here.</summary>
internal sealed class BranchNode : TrieNode
{
    internal BranchChildren Children;
    internal byte[]? Value;

    /// <summary>
    /// Bit i set when child i may be dirty (a superset; new branches start with all bits set). Lets the
    /// hasher skip clean children without touching them, which in a large trie means a cache miss each.
    /// </summary>
    internal ushort MaybeDirtyChildren = 0xFFFF;
}

/// <summary>
/// A leaf is a single byte array, so each entry costs one object with no references for the GC to trace:
/// [0] reference length (0 = dirty), [1..33) reference, [33..37) path start, [37..41) key length, then the
/// key, then the value. The leaf keeps its whole key, so its path is just the key's nibbles from the path
/// start: moving a leaf up or down the trie changes one integer and never copies a path.
/// </summary>
internal static class Leaf
{
    private const int RefOffset = 1;
    private const int PathStartOffset = 33;
    private const int KeyLengthOffset = 37;
    private const int HeaderSize = 41;

    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int pathStart)
    {
        var leaf = new byte[HeaderSize + key.Length + value.Length];
        BinaryPrimitives.WriteInt32LittleEndian(leaf.AsSpan(PathStartOffset), pathStart);
        BinaryPrimitives.WriteInt32LittleEndian(leaf.AsSpan(KeyLengthOffset), key.Length);
        key.CopyTo(leaf.AsSpan(HeaderSize));
        value.CopyTo(leaf.AsSpan(HeaderSize + key.Length));
        return leaf;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KeyLength(byte[] leaf) => BinaryPrimitives.ReadInt32LittleEndian(leaf.AsSpan(KeyLengthOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PathStart(byte[] leaf) => BinaryPrimitives.ReadInt32LittleEndian(leaf.AsSpan(PathStartOffset));

    /// <summary>Re-roots the leaf's path at nibble <paramref name="pathStart"/>, which changes its encoding.</summary>
    public static void SetPathStart(byte[] leaf, int pathStart)
    {
        BinaryPrimitives.WriteInt32LittleEndian(leaf.AsSpan(PathStartOffset), pathStart);
        leaf[0] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Key(byte[] leaf) => new(leaf, HeaderSize, KeyLength(leaf));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Value(byte[] leaf)
    {
        int start = HeaderSize + KeyLength(leaf);
        return new(leaf, start, leaf.Length - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDirty(byte[] leaf) => leaf[0] == 0;

    public static Span<byte> RefBuffer(byte[] leaf) => leaf.AsSpan(RefOffset, 32);

    /// <summary>
    /// The leaf with <paramref name="value"/>: the same array when the value is unchanged (left clean) or
    /// has the same size (overwritten in place, the usual account update), else a new array.
    /// </summary>
    public static byte[] WithValue(byte[] leaf, ReadOnlySpan<byte> value)
    {
        if (Value(leaf).SequenceEqual(value)) return leaf;
        int keyLength = KeyLength(leaf);
        if (value.Length == leaf.Length - HeaderSize - keyLength)
        {
            value.CopyTo(leaf.AsSpan(HeaderSize + keyLength));
            leaf[0] = 0;
            return leaf;
        }
        return Create(Key(leaf), value, PathStart(leaf));
    }
}

/// <summary>How a parent sees a child of either representation.</summary>
internal static class ChildRef
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDirty(object child) => child is byte[] leaf ? leaf[0] == 0 : ((TrieNode)child).RefLength == 0;

    /// <summary>The cached reference (valid when clean): 32 bytes for a hash, fewer for an embedded node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Span(object child)
    {
        if (child is byte[] leaf) return new(leaf, 1, leaf[0]);
        var node = (TrieNode)child;
        return ((ReadOnlySpan<byte>)node.Ref)[..node.RefLength];
    }

    /// <summary>Size of the reference as an item inside the parent's RLP list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ItemLength(object child)
    {
        int length = child is byte[] leaf ? leaf[0] : ((TrieNode)child).RefLength;
        return length == 32 ? 33 : length;
    }

    /// <summary>Stores a freshly computed reference and marks the child clean.</summary>
    public static void Set(object child, ReadOnlySpan<byte> reference)
    {
        if (child is byte[] leaf)
        {
            reference.CopyTo(Leaf.RefBuffer(leaf));
            leaf[0] = (byte)reference.Length;
            return;
        }
        var node = (TrieNode)child;
        reference.CopyTo(node.Ref);
        node.RefLength = (byte)reference.Length;
    }
}
