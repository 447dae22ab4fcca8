using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>Memory: MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY, and KECCAK256 over a memory range.</summary>
internal static class MemoryInstructions
{
    private static readonly UInt256 WordSize = new(32);

    /// <summary>Charges <paramref name="perWord"/> gas per 32-byte word of <paramref name="length"/>.</summary>
    public static bool ChargeWords(in UInt256 length, long perWord, ref long gas)
    {
        if (!length.FitsInULong || length.U0 > uint.MaxValue) return false;
        gas -= perWord * (long)((length.U0 + 31) / 32);
        return gas >= 0;
    }

    public static EvmStatus MLoad(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 offset = ref s.Peek(0);
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in offset, in WordSize, ref gas)) return EvmStatus.OutOfGas;
        offset = new UInt256(memory.Slice(offset.U0, 32));
        return EvmStatus.Continue;
    }

    public static EvmStatus MStore(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 offset = ref s.Peek(0);
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in offset, in WordSize, ref gas)) return EvmStatus.OutOfGas;
        s.Peek(1).ToBigEndian(memory.Slice(offset.U0, 32));
        s.Head -= 2;
        return EvmStatus.Continue;
    }

    public static EvmStatus MStore8(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 offset = ref s.Peek(0);
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in offset, UInt256.One, ref gas)) return EvmStatus.OutOfGas;
        memory.Slice(offset.U0, 1)[0] = (byte)s.Peek(1).U0;
        s.Head -= 2;
        return EvmStatus.Continue;
    }

    public static EvmStatus MSize(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256(vm.Frame.Memory.Size);
        return EvmStatus.Continue;
    }

    public static EvmStatus MCopy(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 destination = ref s.Peek(0);
        ref UInt256 source = ref s.Peek(1);
        ref UInt256 length = ref s.Peek(2);
        s.Head -= 3;
        if (!ChargeWords(in length, GasCostOf.Copy, ref gas)) return EvmStatus.OutOfGas;
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in source, in length, ref gas) || !memory.TryExpand(in destination, in length, ref gas))
            return EvmStatus.OutOfGas;
        if (length.IsZero) return EvmStatus.Continue;
        memory.Slice(source.U0, length.U0).CopyTo(memory.Slice(destination.U0, length.U0));
        return EvmStatus.Continue;
    }

    public static EvmStatus Keccak(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 offset = ref s.Peek(0);
        ref UInt256 length = ref s.Peek(1);
        if (!ChargeWords(in length, GasCostOf.Keccak256Word, ref gas)) return EvmStatus.OutOfGas;
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in offset, in length, ref gas)) return EvmStatus.OutOfGas;
        s.Head--;
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Compute(memory.Slice(in offset, in length), hash);
        s.Peek(0) = new UInt256(hash);
        return EvmStatus.Continue;
    }
}
