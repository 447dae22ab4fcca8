using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>CALL, CALLCODE, DELEGATECALL, STATICCALL: pricing (EIP-150, 158, 2929), then a nested message call.</summary>
internal static class CallInstructions
{
    public static EvmStatus Call(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, CallKind.Call);
    public static EvmStatus CallCode(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, CallKind.CallCode);
    public static EvmStatus DelegateCall(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, CallKind.DelegateCall);
    public static EvmStatus StaticCall(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, CallKind.StaticCall);

    private static EvmStatus Execute(VirtualMachine vm, ref EvmStack s, ref long gas, CallKind kind)
    {
        CallFrame frame = vm.Frame;
        ReleaseSpec spec = vm.Spec;
        TransactionState state = vm.State;
        bool hasValueArgument = kind is CallKind.Call or CallKind.CallCode;

        UInt256 requestedGas = s.Peek(0);
        Address target = Address.FromWord(in s.Peek(1));
        UInt256 value = hasValueArgument ? s.Peek(2) : kind == CallKind.DelegateCall ? frame.Value : default;
        int a = hasValueArgument ? 3 : 2;
        UInt256 inputOffset = s.Peek(a), inputLength = s.Peek(a + 1), outputOffset = s.Peek(a + 2), outputLength = s.Peek(a + 3);
        s.Head -= a + 4;

        bool transfersValue = hasValueArgument && !value.IsZero;
        if (kind == CallKind.Call && transfersValue && frame.IsStatic) return EvmStatus.StaticCallViolation;
        if (!EnvironmentInstructions.ChargeAccountAccess(vm, target, ref gas)) return EvmStatus.OutOfGas;
        EvmMemory memory = frame.Memory;
        if (!memory.TryExpand(in inputOffset, in inputLength, ref gas) || !memory.TryExpand(in outputOffset, in outputLength, ref gas))
            return EvmStatus.OutOfGas;
        if (transfersValue) gas -= GasCostOf.CallValue;
        if (kind == CallKind.Call)
        {
            bool createsAccount = spec.ClearEmptyAccounts
                ? transfersValue && state.IsDeadAccount(target)
                : !state.AccountExists(target);
            if (createsAccount) gas -= GasCostOf.NewAccount;
        }
        if (gas < 0) return EvmStatus.OutOfGas;

        long callGas;
        if (spec.IsEip150Enabled)
        {
            long cap = gas - gas / 64;
            callGas = requestedGas.FitsInULong && requestedGas.U0 < (ulong)cap ? (long)requestedGas.U0 : cap;
        }
        else
        {
            if (!requestedGas.FitsInULong || requestedGas.U0 > (ulong)gas) return EvmStatus.OutOfGas;
            callGas = (long)requestedGas.U0;
        }
        gas -= callGas;
        if (transfersValue) callGas += GasCostOf.CallStipend;

        frame.ReturnData = [];
        if (frame.Depth >= VirtualMachine.MaxCallDepth || (transfersValue && state.GetBalance(frame.Address) < value))
        {
            gas += callGas;
            s.Push() = default;
            return EvmStatus.Continue;
        }

        byte[] input = inputLength.IsZero ? [] : memory.ToArray(in inputOffset, in inputLength);
        Address caller = kind == CallKind.DelegateCall ? frame.Caller : frame.Address;
        Address context = kind is CallKind.Call or CallKind.StaticCall ? target : frame.Address;
        CallResult result = vm.Call(kind, caller, context, target, in value, input, callGas,
            frame.IsStatic || kind == CallKind.StaticCall, frame.Depth + 1);

        gas += result.GasLeft;
        frame.ReturnData = result.Output;
        if (!outputLength.IsZero && result.Output.Length > 0)
        {
            int n = (int)Math.Min(outputLength.U0, (ulong)result.Output.Length);
            result.Output.AsSpan(0, n).CopyTo(memory.Slice(outputOffset.U0, (ulong)n));
        }
        s.Push() = result.Succeeded ? UInt256.One : default;
        return EvmStatus.Continue;
    }
}
