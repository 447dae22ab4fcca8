using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Transactions;

/// <summary>What executing one transaction produced. An invalid transaction has <see cref="Error"/> set and changed nothing.</summary>
public sealed record TransactionResult
{
    public TransactionError Error { get; init; }
    public string? ErrorDetail { get; init; }
    public EvmStatus Status { get; init; }
    /// <summary>Gas charged to the sender (after refunds): what receipts count.</summary>
    public long GasUsed { get; init; }
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];
    public Address? ContractAddress { get; init; }
    public byte[] Output { get; init; } = [];
    /// <summary>The fee recipient's credit (gas used × tip), applied by the processor unless deferred.</summary>
    public UInt256 FeeCredit { get; init; }
    /// <summary>Set when the transfer to this account (of the transaction's value) was deferred; see <see cref="TransactionProcessor.Execute"/>.</summary>
    public Address? DeferredRecipient { get; init; }

    public bool IsValid => Error == TransactionError.None;
    public bool Succeeded => IsValid && Status is EvmStatus.Stop or EvmStatus.Return or EvmStatus.SelfDestruct;

    public static TransactionResult Invalid(TransactionError error, string detail) => new() { Error = error, ErrorDetail = detail };
}
