using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// The operand stack of one frame. Depth limits are checked once per instruction by the dispatch
/// loop from the opcode table, so the accessors here do no bounds checks.
/// </summary>
public struct EvmStack
{
    public const int MaxDepth = 1024;

    private readonly UInt256[] _items;
    public int Head;

    public EvmStack(UInt256[] items)
    {
        _items = items;
        Head = 0;
    }

    /// <summary>The item <paramref name="depth"/> places below the top (0 = top).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref UInt256 Peek(int depth) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), Head - 1 - depth);

    /// <summary>Reserves a new top item and returns a reference to fill it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UInt256 Push() => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), Head++);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in UInt256 value) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), Head++) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UInt256 Pop() => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), --Head);
}
