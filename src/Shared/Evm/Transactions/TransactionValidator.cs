using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Transactions;

/// <summary>The validity rules a transaction must meet before it may execute; none of them changes state.</summary>
public static class TransactionValidator
{
    public const byte BlobCommitmentVersionKzg = 0x01;

    /// <summary>Rules that need no state: type, gas, fees, blobs.</summary>
    public static TransactionError ValidateStatic(Transaction tx, BlockContext block, long intrinsicGas, out string detail)
    {
        ReleaseSpec spec = block.Spec;
        detail = "";
        bool typeSupported = tx.Type switch
        {
            TxType.Legacy => true,
            TxType.AccessList => spec.IsEip2930Enabled,
            TxType.Eip1559 => spec.IsEip1559Enabled,
            TxType.Blob => spec.IsEip4844Enabled,
            _ => false,
        };
        if (!typeSupported) return Fail(TransactionError.TypeNotSupported, $"type {(int)tx.Type} transactions are not valid in {spec.Name}", out detail);
        if ((ulong)intrinsicGas > tx.GasLimit)
            return Fail(TransactionError.IntrinsicGasTooLow, $"gas limit {tx.GasLimit} below intrinsic gas {intrinsicGas}", out detail);
        if (tx.Nonce == ulong.MaxValue) return Fail(TransactionError.NonceIsMax, "transaction nonce is 2^64-1", out detail);
        if (spec.IsEip3860Enabled && tx.IsCreate && tx.Data.Length > ReleaseSpec.MaxInitCodeSize)
            return Fail(TransactionError.InitCodeTooLarge, $"initcode of {tx.Data.Length} bytes exceeds {ReleaseSpec.MaxInitCodeSize}", out detail);
        if (tx.GasLimit > (ulong)block.GasLimit)
            return Fail(TransactionError.GasLimitAboveBlockLimit, $"gas limit {tx.GasLimit} exceeds the block's {block.GasLimit}", out detail);
        if (tx.UsesFeeMarket && tx.MaxPriorityFeePerGas > tx.MaxFeePerGas)
            return Fail(TransactionError.PriorityFeeAboveFeeCap, "max priority fee per gas exceeds max fee per gas", out detail);
        if (spec.IsEip1559Enabled && tx.FeeCap < block.BaseFee)
            return Fail(TransactionError.FeeCapBelowBaseFee, $"fee cap {tx.FeeCap} below base fee {block.BaseFee}", out detail);
        if (tx.Type == TxType.Blob) return ValidateBlobs(tx, block, out detail);
        return TransactionError.None;
    }

    private static TransactionError ValidateBlobs(Transaction tx, BlockContext block, out string detail)
    {
        detail = "";
        if (tx.IsCreate) return Fail(TransactionError.BlobCreate, "blob transactions cannot create contracts", out detail);
        if (tx.BlobVersionedHashes.Length == 0) return Fail(TransactionError.NoBlobs, "blob transaction without blobs", out detail);
        if (tx.BlobVersionedHashes.Length > ReleaseSpec.MaxBlobsPerBlock)
            return Fail(TransactionError.TooManyBlobs, $"{tx.BlobVersionedHashes.Length} blobs exceed {ReleaseSpec.MaxBlobsPerBlock}", out detail);
        foreach (Hash256 hash in tx.BlobVersionedHashes)
        {
            if (hash.FirstByte != BlobCommitmentVersionKzg)
                return Fail(TransactionError.InvalidBlobVersionedHash, $"blob versioned hash {hash} has version {hash.FirstByte}", out detail);
        }
        if (tx.MaxFeePerBlobGas < block.BlobBaseFee)
            return Fail(TransactionError.BlobFeeCapTooLow, $"max fee per blob gas {tx.MaxFeePerBlobGas} below blob base fee {block.BlobBaseFee}", out detail);
        return TransactionError.None;
    }

    /// <summary>Rules on the sender's account: nonce, code (EIP-3607), funds.</summary>
    public static TransactionError ValidateSender(Transaction tx, ReleaseSpec spec, TransactionState state, out UInt256 upfrontCost, out string detail)
    {
        upfrontCost = default;
        detail = "";
        ulong nonce = state.GetNonce(tx.Sender);
        if (nonce == ulong.MaxValue) return Fail(TransactionError.NonceIsMax, "sender nonce is at its maximum", out detail);
        if (tx.Nonce != nonce) return Fail(TransactionError.NonceMismatch, $"nonce {tx.Nonce}, expected {nonce}", out detail);

        // The sender must afford the worst case: all gas at the fee cap, the value and all blob gas.
        bool overflow = UInt256.MultiplyOverflow(new UInt256(tx.GasLimit), tx.FeeCap, out UInt256 maxGasCost);
        overflow |= UInt256.AddOverflow(in maxGasCost, tx.Value, out UInt256 required);
        if (tx.Type == TxType.Blob)
        {
            overflow |= UInt256.MultiplyOverflow(new UInt256(tx.BlobGas), tx.MaxFeePerBlobGas, out UInt256 blobCost);
            overflow |= UInt256.AddOverflow(in required, in blobCost, out required);
        }
        if (overflow) return Fail(TransactionError.ValueOverflow, "gas limit × fee cap + value overflows 256 bits", out detail);
        UInt256 balance = state.GetBalance(tx.Sender);
        if (balance < required)
            return Fail(TransactionError.InsufficientFunds, $"balance {balance} below required {required}", out detail);
        Hash256 codeHash = state.GetCodeHash(tx.Sender);
        if (codeHash != Keccak256.OfEmpty && !codeHash.IsZero)
            return Fail(TransactionError.SenderNotEoa, $"sender {tx.Sender} has code", out detail);
        upfrontCost = required;
        return TransactionError.None;
    }

    private static TransactionError Fail(TransactionError error, string message, out string detail)
    {
        detail = message;
        return error;
    }
}
