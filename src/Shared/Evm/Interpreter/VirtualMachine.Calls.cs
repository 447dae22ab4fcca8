using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Precompiles;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter;

public sealed unsafe partial class VirtualMachine
{
    /// <summary>
    /// A message call whose depth, balance and gas the caller has already settled. Transfers value,
    /// runs a precompile or code, and reverts the state on failure.
    /// </summary>
    public CallResult Call(CallKind kind, Address caller, Address context, Address codeSource, in UInt256 value,
        byte[] input, long gas, bool isStatic, int depth)
    {
        TransactionState state = State;
        ReleaseSpec spec = Spec;
        bool isPrecompile = PrecompileRegistry.IsPrecompile(codeSource, spec);
        long snapshot = state.Snapshot();
        switch (kind)
        {
            case CallKind.Call:
                if (!state.AccountExists(context))
                {
                    // EIP-161: a plain zero-value call to nothing leaves nothing behind.
                    if (!isPrecompile && spec.ClearEmptyAccounts && value.IsZero) return new CallResult(EvmStatus.Stop, gas, []);
                    state.EnsureExists(context);
                }
                state.SubtractBalance(caller, in value);
                state.AddBalance(context, in value);
                break;
            case CallKind.StaticCall:
                state.AddBalance(context, UInt256.Zero); // a touch, as the reference clients do
                break;
        }

        CallResult result = isPrecompile
            ? RunPrecompile(codeSource, input, gas)
            : RunCode(codeSource, context, caller, in value, input, gas, isStatic, depth);
        if (!result.Succeeded) state.Revert(snapshot);
        return result;
    }

    private CallResult RunPrecompile(Address address, byte[] input, long gas)
    {
        IPrecompile precompile = PrecompileRegistry.Get(address);
        long cost = precompile.GasCost(input, Spec);
        if (cost > gas || !precompile.TryRun(input, Spec, out byte[] output)) return new CallResult(EvmStatus.OutOfGas, 0, []);
        return new CallResult(EvmStatus.Return, gas - cost, output);
    }

    private CallResult RunCode(Address codeSource, Address context, Address caller, in UInt256 value, byte[] input,
        long gas, bool isStatic, int depth)
    {
        byte[] code = State.GetCode(codeSource);
        if (code.Length == 0) return new CallResult(EvmStatus.Stop, gas, []);
        CallFrame frame = RentFrame(depth);
        frame.Init(CodeInfo.For(State.GetCodeHash(codeSource), code), context, caller, in value, input, isStatic, depth);
        EvmStatus status = Run(frame, ref gas);
        byte[] output = status is EvmStatus.Return or EvmStatus.Revert
            ? frame.Memory.Slice(frame.OutputOffset, frame.OutputLength).ToArray()
            : [];
        return new CallResult(status, gas, output);
    }

    /// <summary>
    /// Contract creation at <paramref name="address"/>, after the caller checked depth and balance and
    /// bumped the creator's nonce. Collisions burn the gas; failed init code reverts everything.
    /// </summary>
    public CallResult Create(Address creator, Address address, in UInt256 value, byte[] initCode, long gas, int depth)
    {
        TransactionState state = State;
        ReleaseSpec spec = Spec;
        if (spec.IsEip2929Enabled) state.WarmUp(address);
        // EIP-684 and EIP-7610: never overwrite an account with a nonce, code or storage.
        if (state.HasCodeOrNonce(address) || state.HasPreStorage(address)) return new CallResult(EvmStatus.BadInstruction, 0, []);

        long snapshot = state.Snapshot();
        state.CreateAccount(address, spec.ClearEmptyAccounts ? 1UL : 0UL);
        state.SubtractBalance(creator, in value);
        state.AddBalance(address, in value);

        CallFrame frame = RentFrame(depth);
        frame.Init(new CodeInfo(initCode), address, creator, in value, [], false, depth);
        EvmStatus status = Run(frame, ref gas);
        if (status == EvmStatus.Revert)
        {
            byte[] revertData = frame.Memory.Slice(frame.OutputOffset, frame.OutputLength).ToArray();
            state.Revert(snapshot);
            return new CallResult(status, gas, revertData);
        }
        if (status.IsExceptional())
        {
            state.Revert(snapshot);
            return new CallResult(status, 0, []);
        }

        ReadOnlySpan<byte> code = status == EvmStatus.Return ? frame.Memory.Slice(frame.OutputOffset, frame.OutputLength) : [];
        bool invalid = (spec.LimitCodeSize && code.Length > ReleaseSpec.MaxCodeSize)
            || (spec.IsEip3541Enabled && code.Length > 0 && code[0] == 0xEF);
        long depositCost = GasCostOf.CodeDeposit * code.Length;
        if (!invalid && depositCost > gas && !spec.IsEip2Enabled)
        {
            // Frontier: unaffordable code is simply not stored; the account stays, empty.
            return new CallResult(EvmStatus.Return, gas, []);
        }
        if (invalid || depositCost > gas)
        {
            state.Revert(snapshot);
            return new CallResult(invalid ? EvmStatus.InvalidCode : EvmStatus.OutOfGas, 0, []);
        }
        gas -= depositCost;
        state.SetCode(address, code.ToArray());
        return new CallResult(EvmStatus.Return, gas, []);
    }
}
