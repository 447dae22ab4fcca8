using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Precompiles;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Transactions;

/// <summary>
/// Executes one transaction in phases: validate → buy gas and bump the nonce → warm the access list →
/// run the call or creation → refund → pay the fee recipient. The interpreter is only started when
/// the recipient has code.
/// </summary>
public sealed class TransactionProcessor
{
    private readonly VirtualMachine _vm = new();

    /// <summary>
    /// Executes <paramref name="tx"/>. With <paramref name="deferCredits"/> (parallel speculation) the fee
    /// recipient is not credited (the amount is in <see cref="TransactionResult.FeeCredit"/>), and a
    /// call without data to a non-precompile is run as a plain transfer whose credit is deferred too
    /// (<see cref="TransactionResult.DeferredRecipient"/>) without reading the recipient: the caller
    /// must check the recipient has no code before applying it. Neither credit then makes
    /// transactions depend on each other.
    /// </summary>
    public TransactionResult Execute(Transaction tx, BlockContext block, TransactionState state, bool deferCredits = false)
    {
        ReleaseSpec spec = block.Spec;
        long intrinsicGas = IntrinsicGas.Calculate(tx, spec);
        TransactionError error = TransactionValidator.ValidateStatic(tx, block, intrinsicGas, out string detail);
        if (error == TransactionError.None) error = TransactionValidator.ValidateSender(tx, spec, state, out _, out detail);
        if (error != TransactionError.None) return TransactionResult.Invalid(error, detail);

        UInt256 gasPrice = EffectiveGasPrice(tx, block);
        long gasLimit = (long)tx.GasLimit;
        UInt256.Multiply(new UInt256((ulong)gasLimit), in gasPrice, out UInt256 gasCost);
        if (tx.Type == TxType.Blob)
        {
            UInt256.Multiply(new UInt256(tx.BlobGas), block.BlobBaseFee, out UInt256 blobCost);
            UInt256.Add(in gasCost, in blobCost, out gasCost);
        }
        state.SubtractBalance(tx.Sender, in gasCost);
        ulong nonce = state.GetNonce(tx.Sender);
        state.SetNonce(tx.Sender, nonce + 1);

        Address target = tx.To ?? ContractAddress.From(tx.Sender, nonce);
        if (spec.IsEip2929Enabled) WarmUp(tx, block, state, target);

        _vm.Prepare(block, new TxContext(tx.Sender, gasPrice, tx.BlobVersionedHashes), state);
        long gas = gasLimit - intrinsicGas;
        bool deferTransfer = deferCredits && !tx.IsCreate && tx.Data.Length == 0 && spec.ClearEmptyAccounts
            && !PrecompileRegistry.IsPrecompile(target, spec) && !state.PeekHasCodeUnrecorded(target);
        CallResult call;
        if (deferTransfer)
        {
            // What a call to an account without code does, minus reading the recipient.
            state.SubtractBalance(tx.Sender, tx.Value);
            call = new CallResult(EvmStatus.Stop, gas, []);
        }
        else
        {
            call = tx.IsCreate
                ? _vm.Create(tx.Sender, target, tx.Value, tx.Data, gas, 0)
                : _vm.Call(CallKind.Call, tx.Sender, target, target, tx.Value, tx.Data, gas, false, 0);
        }

        long gasLeft = call.GasLeft;
        long gasUsed = gasLimit - gasLeft;
        long refund = Math.Min(state.Refund, gasUsed / spec.MaxRefundQuotient);
        gasLeft += refund;
        gasUsed -= refund;

        UInt256.Multiply(new UInt256((ulong)gasLeft), in gasPrice, out UInt256 returned);
        state.AddBalance(tx.Sender, in returned);
        UInt256 tip = spec.IsEip1559Enabled ? gasPrice - block.BaseFee : gasPrice;
        UInt256.Multiply(new UInt256((ulong)gasUsed), in tip, out UInt256 fee);
        if (!deferCredits) state.AddBalance(block.Coinbase, in fee);

        return new TransactionResult
        {
            Status = call.Status,
            GasUsed = gasUsed,
            Logs = call.Succeeded ? [.. state.Logs] : [],
            ContractAddress = tx.IsCreate && call.Succeeded ? target : null,
            Output = call.Output,
            FeeCredit = fee,
            DeferredRecipient = deferTransfer ? target : null,
        };
    }

    /// <summary>
    /// A call made by the protocol itself (EIP-4788's beacon-root update): no validation, no gas
    /// purchase, no nonce, no fees; the state changes stay in <paramref name="state"/>.
    /// </summary>
    public CallResult SystemCall(Address from, Address to, byte[] data, long gas, BlockContext block, TransactionState state)
    {
        _vm.Prepare(block, new TxContext(from, UInt256.Zero, []), state);
        return _vm.Call(CallKind.Call, from, to, to, UInt256.Zero, data, gas, false, 0);
    }

    /// <summary>What the sender pays per gas: min(fee cap, base fee + tip cap) for fee-market types.</summary>
    public static UInt256 EffectiveGasPrice(Transaction tx, BlockContext block)
    {
        if (!tx.UsesFeeMarket) return tx.GasPrice;
        UInt256.Add(block.BaseFee, tx.MaxPriorityFeePerGas, out UInt256 capped);
        return capped < tx.MaxFeePerGas ? capped : tx.MaxFeePerGas;
    }

    private static void WarmUp(Transaction tx, BlockContext block, TransactionState state, Address target)
    {
        state.WarmUp(tx.Sender);
        state.WarmUp(target);
        foreach (Address precompile in PrecompileRegistry.Addresses(block.Spec)) state.WarmUp(precompile);
        if (block.Spec.IsEip3651Enabled) state.WarmUp(block.Coinbase);
        foreach (AccessListItem item in tx.AccessList)
        {
            state.WarmUp(item.Address);
            foreach (UInt256 key in item.StorageKeys) state.WarmUp(new StorageCell(item.Address, in key));
        }
    }
}
