namespace EvmCluster.Evm.Transactions;

/// <summary>Why a transaction is invalid (it cannot be included in a block at all).</summary>
public enum TransactionError
{
    None,
    TypeNotSupported,
    IntrinsicGasTooLow,
    GasLimitAboveBlockLimit,
    NonceMismatch,
    NonceIsMax,
    SenderNotEoa,
    InsufficientFunds,
    FeeCapBelowBaseFee,
    PriorityFeeAboveFeeCap,
    InitCodeTooLarge,
    BlobCreate,
    NoBlobs,
    TooManyBlobs,
    InvalidBlobVersionedHash,
    BlobFeeCapTooLow,
    BlobGasAboveBlockLimit,
    ValueOverflow,
}
