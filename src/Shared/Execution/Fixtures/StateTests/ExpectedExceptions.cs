using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Fixtures.StateTests;

/// <summary>Maps our transaction errors to the exception names the Ethereum fixtures expect ("A|B" means either).</summary>
public static class ExpectedExceptions
{
    public static bool Matches(string expected, TransactionError error)
    {
        string[] names = Names(error);
        foreach (string alternative in expected.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string name = alternative.StartsWith("TransactionException.", StringComparison.Ordinal)
                ? alternative["TransactionException.".Length..]
                : alternative;
            if (Array.IndexOf(names, name) >= 0) return true;
        }
        return false;
    }

    private static string[] Names(TransactionError error) => error switch
    {
        TransactionError.TypeNotSupported => ["TYPE_NOT_SUPPORTED", "TYPE_3_TX_PRE_FORK", "TYPE_2_TX_PRE_FORK", "TYPE_1_TX_PRE_FORK", "TR_TypeNotSupported"],
        TransactionError.IntrinsicGasTooLow => ["INTRINSIC_GAS_TOO_LOW"],
        TransactionError.GasLimitAboveBlockLimit => ["GAS_ALLOWANCE_EXCEEDED"],
        TransactionError.NonceMismatch => ["NONCE_MISMATCH_TOO_LOW", "NONCE_MISMATCH_TOO_HIGH", "NONCE_MISMATCH"],
        TransactionError.NonceIsMax => ["NONCE_IS_MAX"],
        TransactionError.SenderNotEoa => ["SENDER_NOT_EOA"],
        TransactionError.InsufficientFunds => ["INSUFFICIENT_ACCOUNT_FUNDS"],
        TransactionError.FeeCapBelowBaseFee => ["INSUFFICIENT_MAX_FEE_PER_GAS"],
        TransactionError.PriorityFeeAboveFeeCap => ["PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"],
        TransactionError.InitCodeTooLarge => ["INITCODE_SIZE_EXCEEDED"],
        TransactionError.BlobCreate => ["TYPE_3_TX_CONTRACT_CREATION"],
        TransactionError.NoBlobs => ["TYPE_3_TX_ZERO_BLOBS"],
        TransactionError.TooManyBlobs => ["TYPE_3_TX_BLOB_COUNT_EXCEEDED", "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"],
        TransactionError.InvalidBlobVersionedHash => ["TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"],
        TransactionError.BlobFeeCapTooLow => ["INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"],
        TransactionError.BlobGasAboveBlockLimit => ["TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"],
        TransactionError.ValueOverflow => ["GASLIMIT_PRICE_PRODUCT_OVERFLOW", "INSUFFICIENT_ACCOUNT_FUNDS"],
        _ => [],
    };
}
