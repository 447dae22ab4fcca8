using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Processing;

/// <summary>What executing a block produced: receipts, gas, bloom and roots. Every execution mode returns this.</summary>
public sealed record BlockResult
{
    public required IReadOnlyList<Receipt> Receipts { get; init; }
    public required IReadOnlyList<TransactionResult> Transactions { get; init; }
    public required long GasUsed { get; init; }
    public required ulong BlobGasUsed { get; init; }
    public required Bloom LogsBloom { get; init; }
    public required Hash256 ReceiptsRoot { get; init; }
    public Hash256 StateRoot { get; init; }
    /// <summary>The block's writes over its pre-state (committed already when intermediate roots were needed).</summary>
    public required BlockState Changes { get; init; }

    /// <summary>
    /// A block's result from its receipts: the bloom and receipts root follow from them (the root built on up
    /// to <paramref name="threads"/> threads, reusing the receipts trie's chunks hashed while the block ran if given;
    /// the bloom given when the caller gathered it already).
    /// </summary>
    public static BlockResult From(IReadOnlyList<Receipt> receipts, IReadOnlyList<TransactionResult> transactions,
        long gasUsed, ulong blobGasUsed, BlockState changes, int threads = 1, Bloom? logsBloom = null, ListRootChunks? receiptChunks = null) => new()
    {
        Receipts = receipts,
        Transactions = transactions,
        GasUsed = gasUsed,
        BlobGasUsed = blobGasUsed,
        LogsBloom = logsBloom ?? Bloom.Combine(receipts.Select(r => r.Bloom)),
        ReceiptsRoot = BlockRoots.ReceiptsRoot(receipts, threads, receiptChunks),
        Changes = changes,
    };
}

/// <summary>The block breaks a block-level rule; the message names the transaction index where there is one.</summary>
public sealed class InvalidBlockException(string message) : Exception(message);
