using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>0x30–0x3F: the executing frame and other accounts (ADDRESS … EXTCODEHASH).</summary>
internal static class EnvironmentInstructions
{
    /// <summary>EIP-2929: the table charged the warm price; a cold account costs the difference and becomes warm.</summary>
    public static bool ChargeAccountAccess(VirtualMachine vm, Address address, ref long gas)
    {
        if (!vm.Spec.IsEip2929Enabled || !vm.State.WarmUp(address)) return true;
        gas -= GasCostOf.ColdAccountAccess - GasCostOf.WarmStateRead;
        return gas >= 0;
    }

    public static EvmStatus Address(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Frame.Address.ToWord();
        return EvmStatus.Continue;
    }

    public static EvmStatus Balance(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        Address address = Core.Address.FromWord(in top);
        if (!ChargeAccountAccess(vm, address, ref gas)) return EvmStatus.OutOfGas;
        top = vm.State.GetBalance(address);
        return EvmStatus.Continue;
    }

    public static EvmStatus SelfBalance(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.State.GetBalance(vm.Frame.Address);
        return EvmStatus.Continue;
    }

    public static EvmStatus Origin(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Tx.Origin.ToWord();
        return EvmStatus.Continue;
    }

    public static EvmStatus Caller(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Frame.Caller.ToWord();
        return EvmStatus.Continue;
    }

    public static EvmStatus CallValue(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Frame.Value;
        return EvmStatus.Continue;
    }

    public static EvmStatus GasPrice(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = vm.Tx.GasPrice;
        return EvmStatus.Continue;
    }

    public static EvmStatus CallDataLoad(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 offset = ref s.Peek(0);
        byte[] input = vm.Frame.Input;
        if (!offset.FitsInULong || offset.U0 >= (ulong)input.Length)
        {
            offset = default;
            return EvmStatus.Continue;
        }
        int start = (int)offset.U0;
        if (start + 32 <= input.Length)
        {
            offset = new UInt256(input.AsSpan(start, 32));
            return EvmStatus.Continue;
        }
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        input.AsSpan(start).CopyTo(word);
        offset = new UInt256(word);
        return EvmStatus.Continue;
    }

    public static EvmStatus CallDataSize(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)vm.Frame.Input.Length);
        return EvmStatus.Continue;
    }

    public static EvmStatus CallDataCopy(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        CopyToMemory(vm, ref s, ref gas, vm.Frame.Input);

    public static EvmStatus CodeSize(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)vm.Frame.Code.Code.Length);
        return EvmStatus.Continue;
    }

    public static EvmStatus CodeCopy(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        CopyToMemory(vm, ref s, ref gas, vm.Frame.Code.Code);

    public static EvmStatus ExtCodeSize(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        Address address = Core.Address.FromWord(in top);
        if (!ChargeAccountAccess(vm, address, ref gas)) return EvmStatus.OutOfGas;
        top = new UInt256((ulong)vm.State.GetCode(address).Length);
        return EvmStatus.Continue;
    }

    public static EvmStatus ExtCodeCopy(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        Address address = Core.Address.FromWord(in s.Peek(0));
        s.Head--;
        if (!ChargeAccountAccess(vm, address, ref gas)) return EvmStatus.OutOfGas;
        return CopyToMemory(vm, ref s, ref gas, vm.State.GetCode(address));
    }

    public static EvmStatus ExtCodeHash(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        Address address = Core.Address.FromWord(in top);
        if (!ChargeAccountAccess(vm, address, ref gas)) return EvmStatus.OutOfGas;
        top = vm.State.IsDeadAccount(address) ? default : vm.State.GetCodeHash(address).ToWord();
        return EvmStatus.Continue;
    }

    public static EvmStatus ReturnDataSize(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)vm.Frame.ReturnData.Length);
        return EvmStatus.Continue;
    }

    public static EvmStatus ReturnDataCopy(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        byte[] data = vm.Frame.ReturnData;
        ref UInt256 offset = ref s.Peek(1);
        ref UInt256 length = ref s.Peek(2);
        UInt256.AddOverflow(in offset, in length, out UInt256 end);
        bool outOfBounds = !offset.FitsInULong || !length.FitsInULong || !end.FitsInULong || end.U0 > (ulong)data.Length
            || end < offset;
        EvmStatus status = CopyToMemory(vm, ref s, ref gas, outOfBounds ? [] : data);
        if (status != EvmStatus.Continue) return status;
        return outOfBounds ? EvmStatus.AccessViolation : EvmStatus.Continue;
    }

    /// <summary>The shared body of the *COPY instructions: pops (memOffset, dataOffset, length), pads past the data's end with zeros.</summary>
    private static EvmStatus CopyToMemory(VirtualMachine vm, ref EvmStack s, ref long gas, byte[] data)
    {
        ref UInt256 memoryOffset = ref s.Peek(0);
        ref UInt256 dataOffset = ref s.Peek(1);
        ref UInt256 length = ref s.Peek(2);
        s.Head -= 3;
        if (!MemoryInstructions.ChargeWords(in length, GasCostOf.Copy, ref gas)) return EvmStatus.OutOfGas;
        EvmMemory memory = vm.Frame.Memory;
        if (!memory.TryExpand(in memoryOffset, in length, ref gas)) return EvmStatus.OutOfGas;
        if (length.IsZero) return EvmStatus.Continue;
        ReadOnlySpan<byte> source = dataOffset.FitsInULong && dataOffset.U0 < (ulong)data.Length
            ? data.AsSpan((int)dataOffset.U0)
            : [];
        memory.WritePadded(memoryOffset.U0, length.U0, source);
        return EvmStatus.Continue;
    }
}
