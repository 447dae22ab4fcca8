using System.Runtime.CompilerServices;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>0x50 POP, 0x5F–0x7F PUSH0..PUSH32, 0x80–0x8F DUP, 0x90–0x9F SWAP, each width its own instantiation.</summary>
internal static class StackInstructions
{
    public static EvmStatus Pop(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Push0(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = default;
        return EvmStatus.Continue;
    }

    public static EvmStatus Push1(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        byte[] code = vm.Code;
        s.Push() = (uint)pc < (uint)code.Length ? new UInt256(code[pc]) : default;
        pc++;
        return EvmStatus.Continue;
    }

    [SkipLocalsInit]
    public static EvmStatus Push<TWidth>(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) where TWidth : struct, IWidth
    {
        byte[] code = vm.Code;
        int n = TWidth.Value;
        if ((uint)(pc + n) <= (uint)code.Length)
        {
            if (n <= 8)
            {
                // Jump targets and small constants: fold the bytes into one limb (n is a constant per instantiation).
                ulong value = 0;
                for (int i = 0; i < n; i++) value = (value << 8) | code[pc + i];
                s.Push() = new UInt256(value);
            }
            else
            {
                s.Push() = new UInt256(code.AsSpan(pc, n));
            }
        }
        else
        {
            // Code that ends inside the immediate reads as if padded with zeros on the right.
            int available = Math.Max(0, code.Length - pc);
            Span<byte> padded = stackalloc byte[32];
            padded.Clear();
            if (available > 0) code.AsSpan(pc, available).CopyTo(padded);
            s.Push() = new UInt256(padded[..n]);
        }
        pc += n;
        return EvmStatus.Continue;
    }

    public static EvmStatus Dup<TDepth>(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) where TDepth : struct, IWidth
    {
        UInt256 value = s.Peek(TDepth.Value - 1);
        s.Push() = value;
        return EvmStatus.Continue;
    }

    public static EvmStatus Swap<TDepth>(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) where TDepth : struct, IWidth
    {
        ref UInt256 top = ref s.Peek(0);
        ref UInt256 other = ref s.Peek(TDepth.Value);
        (top, other) = (other, top);
        return EvmStatus.Continue;
    }
}
