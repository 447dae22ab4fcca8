using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// The operand stack of one frame. Depth limits are checked once per basic block by the dispatch
/// loop, so the accessors here do no bounds checks; the bottom is held as a reference so an access
/// is one add from it.
/// </summary>
public ref struct EvmStack
{
    public const int MaxDepth = 1024;

    private readonly ref UInt256 _bottom;
    public int Head;

    public EvmStack(UInt256[] items)
    {
        _bottom = ref MemoryMarshal.GetArrayDataReference(items);
        Head = 0;
    }

    /// <summary>The item <paramref name="depth"/> places below the top (0 = top).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref UInt256 Peek(int depth) => ref Unsafe.Add(ref _bottom, (nint)(uint)(Head - 1 - depth));

    /// <summary>Reserves a new top item and returns a reference to fill it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UInt256 Push() => ref Unsafe.Add(ref _bottom, (nint)(uint)Head++);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in UInt256 value) => Unsafe.Add(ref _bottom, (nint)(uint)Head++) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref UInt256 Pop() => ref Unsafe.Add(ref _bottom, (nint)(uint)--Head);
}
