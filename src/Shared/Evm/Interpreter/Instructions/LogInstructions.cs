using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>LOG0–LOG4: the topic count comes from the opcode byte.</summary>
internal static class LogInstructions
{
    public static EvmStatus Log(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        CallFrame frame = vm.Frame;
        if (frame.IsStatic) return EvmStatus.StaticCallViolation;
        int topicCount = frame.Code.Code[pc - 1] - 0xA0;
        ref UInt256 offset = ref s.Peek(0);
        ref UInt256 length = ref s.Peek(1);
        if (!MemoryInstructions.ChargeWords(in length, 0, ref gas)) return EvmStatus.OutOfGas;
        gas -= GasCostOf.LogData * (long)length.U0;
        if (gas < 0 || !frame.Memory.TryExpand(in offset, in length, ref gas)) return EvmStatus.OutOfGas;

        var topics = topicCount == 0 ? [] : new Hash256[topicCount];
        for (int i = 0; i < topicCount; i++) topics[i] = Hash256.FromWord(in s.Peek(2 + i));
        byte[] data = frame.Memory.ToArray(in offset, in length);
        s.Head -= 2 + topicCount;
        vm.State.AddLog(new LogEntry(frame.Address, topics, data));
        return EvmStatus.Continue;
    }
}
