using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Distributed;

/// <summary>
/// One transaction's result from a worker's batch: what it read (at its position in the batch) and
/// wrote, with its fee and plain-transfer credits still deferred. <see cref="Changes"/> is null when the
/// transaction was invalid on the worker (say its sender's previous nonce is in another batch): the
/// coordinator then re-executes it.
/// </summary>
public sealed record SpeculativeOutcome(TransactionResult Result, StateChanges? Changes)
{
    public bool IsUsable => Changes is not null && Result.IsValid;

    /// <summary>The bloom of <see cref="TransactionResult.Logs"/>, when computed ahead (while other batches still run), else null.</summary>
    public Receipts.Bloom? LogsBloom { get; init; }
}
