using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>SLOAD, SSTORE (legacy, EIP-1283, EIP-2200, EIP-2929, EIP-3529 pricing), TLOAD, TSTORE.</summary>
internal static class StorageInstructions
{
    public static EvmStatus SLoad(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        var cell = new StorageCell(vm.Frame.Address, in top);
        if (vm.Spec.IsEip2929Enabled && vm.State.WarmUp(in cell))
        {
            gas -= GasCostOf.ColdSLoad - GasCostOf.WarmStateRead;
            if (gas < 0) return EvmStatus.OutOfGas;
        }
        top = vm.State.GetStorage(in cell);
        return EvmStatus.Continue;
    }

    public static EvmStatus SStore(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        if (vm.Frame.IsStatic) return EvmStatus.StaticCallViolation;
        ReleaseSpec spec = vm.Spec;
        // EIP-2200: never let a call with only the 2,300 stipend left change storage.
        if (spec.IsEip2200Enabled && gas <= GasCostOf.SstoreSentryEip2200) return EvmStatus.OutOfGas;

        TransactionState state = vm.State;
        var cell = new StorageCell(vm.Frame.Address, in s.Peek(0));
        UInt256 newValue = s.Peek(1);
        s.Head -= 2;

        if (spec.IsEip2929Enabled && state.WarmUp(in cell)) gas -= GasCostOf.ColdSLoad;
        UInt256 current = state.GetStorage(in cell);
        long cost = spec.UseNetGasMetering
            ? NetMeteredCost(spec, state, in cell, in current, in newValue)
            : LegacyCost(spec, state, in current, in newValue);
        gas -= cost;
        if (gas < 0) return EvmStatus.OutOfGas;
        if (current != newValue) state.SetStorage(in cell, in newValue);
        return EvmStatus.Continue;
    }

    private static long LegacyCost(ReleaseSpec spec, TransactionState state, in UInt256 current, in UInt256 newValue)
    {
        if (!current.IsZero && newValue.IsZero) state.AddRefund(spec.SClearRefund);
        return current.IsZero && !newValue.IsZero ? GasCostOf.SSet : GasCostOf.SReset;
    }

    private static long NetMeteredCost(ReleaseSpec spec, TransactionState state, in StorageCell cell, in UInt256 current, in UInt256 newValue)
    {
        long noop = spec.NetMeteredSloadCost;
        if (current == newValue) return noop;
        UInt256 original = state.GetOriginalStorage(in cell);
        long clearRefund = spec.SClearRefund;
        if (original == current)
        {
            if (original.IsZero) return GasCostOf.SSet;
            if (newValue.IsZero) state.AddRefund(clearRefund);
            return spec.SResetCost;
        }
        // The slot is dirty: charge like a read and move refunds to match the final outcome.
        if (!original.IsZero)
        {
            if (current.IsZero) state.AddRefund(-clearRefund);
            else if (newValue.IsZero) state.AddRefund(clearRefund);
        }
        if (original == newValue)
            state.AddRefund((original.IsZero ? GasCostOf.SSet : spec.SResetCost) - noop);
        return noop;
    }

    public static EvmStatus TLoad(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        top = vm.State.GetTransientStorage(new StorageCell(vm.Frame.Address, in top));
        return EvmStatus.Continue;
    }

    public static EvmStatus TStore(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        if (vm.Frame.IsStatic) return EvmStatus.StaticCallViolation;
        vm.State.SetTransientStorage(new StorageCell(vm.Frame.Address, in s.Peek(0)), in s.Peek(1));
        s.Head -= 2;
        return EvmStatus.Continue;
    }
}
