using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>Flow control: STOP, JUMP, JUMPI, PC, GAS, JUMPDEST, RETURN, REVERT, INVALID.</summary>
internal static class ControlInstructions
{
    public static EvmStatus Stop(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => EvmStatus.Stop;

    public static EvmStatus Invalid(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => EvmStatus.BadInstruction;

    public static EvmStatus JumpDest(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => EvmStatus.Continue;

    public static EvmStatus Jump(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 destination = ref s.Pop();
        if (!destination.FitsInULong || !vm.Frame.Code.IsValidJumpDestination(destination.U0)) return EvmStatus.BadJumpDestination;
        pc = (int)destination.U0;
        return EvmStatus.Continue;
    }

    public static EvmStatus JumpI(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 destination = ref s.Peek(0);
        bool taken = !s.Peek(1).IsZero;
        s.Head -= 2;
        if (!taken) return EvmStatus.Continue;
        if (!destination.FitsInULong || !vm.Frame.Code.IsValidJumpDestination(destination.U0)) return EvmStatus.BadJumpDestination;
        pc = (int)destination.U0;
        return EvmStatus.Continue;
    }

    public static EvmStatus Pc(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)(pc - 1));
        return EvmStatus.Continue;
    }

    public static EvmStatus Gas(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        s.Push() = new UInt256((ulong)gas);
        return EvmStatus.Continue;
    }

    public static EvmStatus Return(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        SetOutput(vm, ref s, ref gas, EvmStatus.Return);

    public static EvmStatus Revert(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        SetOutput(vm, ref s, ref gas, EvmStatus.Revert);

    private static EvmStatus SetOutput(VirtualMachine vm, ref EvmStack s, ref long gas, EvmStatus status)
    {
        ref UInt256 offset = ref s.Peek(0);
        ref UInt256 length = ref s.Peek(1);
        s.Head -= 2;
        CallFrame frame = vm.Frame;
        if (!frame.Memory.TryExpand(in offset, in length, ref gas)) return EvmStatus.OutOfGas;
        frame.OutputOffset = length.IsZero ? 0 : offset.U0;
        frame.OutputLength = length.U0;
        return status;
    }
}
