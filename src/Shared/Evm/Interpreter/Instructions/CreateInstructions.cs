using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>CREATE, CREATE2 and SELFDESTRUCT.</summary>
internal static class CreateInstructions
{
    public static EvmStatus Create(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, false);
    public static EvmStatus Create2(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) => Execute(vm, ref s, ref gas, true);

    private static EvmStatus Execute(VirtualMachine vm, ref EvmStack s, ref long gas, bool isCreate2)
    {
        CallFrame frame = vm.Frame;
        if (frame.IsStatic) return EvmStatus.StaticCallViolation;
        ReleaseSpec spec = vm.Spec;
        TransactionState state = vm.State;

        UInt256 value = s.Peek(0), offset = s.Peek(1), length = s.Peek(2);
        UInt256 salt = isCreate2 ? s.Peek(3) : default;
        s.Head -= isCreate2 ? 4 : 3;

        if (spec.IsEip3860Enabled && (!length.FitsInULong || length.U0 > ReleaseSpec.MaxInitCodeSize)) return EvmStatus.OutOfGas;
        long perWord = (spec.IsEip3860Enabled ? GasCostOf.InitCodeWord : 0) + (isCreate2 ? GasCostOf.Keccak256Word : 0);
        if (!MemoryInstructions.ChargeWords(in length, perWord, ref gas)) return EvmStatus.OutOfGas;
        if (!frame.Memory.TryExpand(in offset, in length, ref gas)) return EvmStatus.OutOfGas;

        frame.ReturnData = [];
        ulong nonce = state.GetNonce(frame.Address);
        if (frame.Depth >= VirtualMachine.MaxCallDepth || state.GetBalance(frame.Address) < value || nonce == ulong.MaxValue)
        {
            s.Push() = default;
            return EvmStatus.Continue;
        }

        byte[] initCode = length.IsZero ? [] : frame.Memory.ToArray(in offset, in length);
        state.SetNonce(frame.Address, nonce + 1);
        Address address = isCreate2 ? ContractAddress.From(frame.Address, in salt, initCode) : ContractAddress.From(frame.Address, nonce);
        long childGas = spec.IsEip150Enabled ? gas - gas / 64 : gas;
        gas -= childGas;

        CallResult result = vm.Create(frame.Address, address, in value, initCode, childGas, frame.Depth + 1);
        gas += result.GasLeft;
        if (result.Status == EvmStatus.Revert) frame.ReturnData = result.Output;
        s.Push() = result.Succeeded ? address.ToWord() : default;
        return EvmStatus.Continue;
    }

    public static EvmStatus SelfDestruct(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        CallFrame frame = vm.Frame;
        if (frame.IsStatic) return EvmStatus.StaticCallViolation;
        ReleaseSpec spec = vm.Spec;
        TransactionState state = vm.State;
        Address beneficiary = Address.FromWord(in s.Pop());
        Address self = frame.Address;

        if (spec.IsEip2929Enabled && state.WarmUp(beneficiary)) gas -= GasCostOf.ColdAccountAccess;
        UInt256 balance = state.GetBalance(self);
        if (spec.IsEip150Enabled)
        {
            bool createsAccount = spec.ClearEmptyAccounts
                ? !balance.IsZero && state.IsDeadAccount(beneficiary)
                : !state.AccountExists(beneficiary);
            if (createsAccount) gas -= GasCostOf.NewAccount;
        }
        if (gas < 0) return EvmStatus.OutOfGas;

        if (!spec.IsEip3529Enabled && !state.IsDestructed(self)) state.AddRefund(GasCostOf.SelfDestructRefund);
        bool destroys = !spec.IsEip6780Enabled || state.IsCreatedInTransaction(self);
        // EIP-6780: an old contract only sends its balance; sending it to itself changes nothing.
        state.SubtractBalance(self, in balance);
        state.AddBalance(beneficiary, in balance);
        if (destroys)
        {
            if (beneficiary == self) state.SubtractBalance(self, in balance);
            state.MarkDestructed(self);
        }
        return EvmStatus.SelfDestruct;
    }
}
