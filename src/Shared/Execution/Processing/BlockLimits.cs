using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Processing;

/// <summary>Per-transaction block limits, checked in block order before the transaction runs.</summary>
public static class BlockLimits
{
    /// <summary>Throws <see cref="InvalidBlockException"/> naming <paramref name="index"/> when the block has no room; returns the new blob gas total.</summary>
    public static ulong Admit(int index, Transaction tx, BlockContext context, long gasUsed, ulong blobGasUsed)
    {
        if (tx.GasLimit > (ulong)(context.GasLimit - gasUsed))
            throw new InvalidBlockException($"transaction {index}: gas limit {tx.GasLimit} exceeds the block's remaining gas {context.GasLimit - gasUsed}");
        blobGasUsed += tx.BlobGas;
        if (blobGasUsed > ReleaseSpec.MaxBlobsPerBlock * ReleaseSpec.BlobGasPerBlob)
            throw new InvalidBlockException($"transaction {index}: blob gas {blobGasUsed} exceeds the block maximum");
        return blobGasUsed;
    }

    public static InvalidBlockException Rejected(int index, Transaction tx, TransactionResult result) =>
        new($"transaction {index} ({tx.Hash}): {result.Error}: {result.ErrorDetail}");
}
