using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Receipts;

/// <summary>
/// The consensus receipt of one transaction: what the receipts trie commits to.
/// </summary>
/// <param name="Type">The transaction's type; typed receipts are prefixed with it.</param>
/// <param name="Success">Execution status (EIP-658, Byzantium on); ignored when <paramref name="PostStateRoot"/> is set.</param>
/// <param name="PostStateRoot">Before Byzantium, the state root after the transaction, in place of the status.</param>
/// <param name="CumulativeGasUsed">Gas used by the block up to and including this transaction.</param>
/// <param name="Bloom">Bloom of <paramref name="Logs"/>.</param>
/// <param name="Logs">Logs emitted by the transaction.</param>
public sealed record Receipt(TxType Type, bool Success, Hash256? PostStateRoot, long CumulativeGasUsed, Bloom Bloom, IReadOnlyList<LogEntry> Logs)
{
    /// <summary>A post-Byzantium receipt whose bloom is computed from its logs.</summary>
    public static Receipt Create(TxType type, bool success, long cumulativeGasUsed, IReadOnlyList<LogEntry> logs) =>
        new(type, success, null, cumulativeGasUsed, Bloom.FromLogs(logs), logs);
}
