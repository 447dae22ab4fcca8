using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>0x40–0x4A: the block environment.</summary>
internal static class BlockInstructions
{
    public static EvmStatus BlockHash(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        long current = vm.Block.Number;
        if (!top.FitsInULong || top.U0 >= (ulong)current || top.U0 + 256 < (ulong)current)
        {
            top = default;
            return EvmStatus.Continue;
        }
        Hash256? hash = vm.Block.BlockHashes?.GetBlockHash((long)top.U0);
        top = hash is { } h ? h.ToWord() : default;
        return EvmStatus.Continue;
    }

    public static EvmStatus Coinbase(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Block.Coinbase.ToWord();
        return EvmStatus.Continue;
    }

    public static EvmStatus Timestamp(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256(vm.Block.Timestamp);
        return EvmStatus.Continue;
    }

    public static EvmStatus Number(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)vm.Block.Number);
        return EvmStatus.Continue;
    }

    /// <summary>DIFFICULTY, which EIP-4399 turned into PREVRANDAO.</summary>
    public static EvmStatus PrevRandao(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Spec.IsEip4399Enabled ? vm.Block.PrevRandao.ToWord() : vm.Block.Difficulty;
        return EvmStatus.Continue;
    }

    public static EvmStatus GasLimit(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)vm.Block.GasLimit);
        return EvmStatus.Continue;
    }

    public static EvmStatus ChainId(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Block.ChainId;
        return EvmStatus.Continue;
    }

    public static EvmStatus BaseFee(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Block.BaseFee;
        return EvmStatus.Continue;
    }

    public static EvmStatus BlobHash(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        Hash256[] hashes = vm.Tx.BlobVersionedHashes;
        top = top.FitsInULong && top.U0 < (ulong)hashes.Length ? hashes[(int)top.U0].ToWord() : default;
        return EvmStatus.Continue;
    }

    public static EvmStatus BlobBaseFee(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Block.BlobBaseFee;
        return EvmStatus.Continue;
    }
}
