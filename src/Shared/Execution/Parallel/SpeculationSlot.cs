using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Parallel;

/// <summary>One transaction's speculative outcome, handed from a speculating worker to the committer.</summary>
internal sealed class SpeculationSlot
{
    public const int Pending = 0, Claimed = 1, Done = 2;

    public int State;
    /// <summary>Null when the speculation threw (its reads were inconsistent).</summary>
    public TransactionResult? Result;
    /// <summary>The receipt bloom of <see cref="Result"/>'s logs, hashed on the speculating thread.</summary>
    public Receipts.Bloom? Bloom;
    /// <summary>False when the committer ran the transaction directly (sequential fallback).</summary>
    public bool WasSpeculated;
    /// <summary>Taken from the run's pool when speculation starts, returned after commit (reuse keeps the collections' capacity).</summary>
    public StateChanges? Changes;

    // Neighbouring transactions are speculated on different threads: the padding keeps each slot's
    // fields off its neighbours' cache lines, which would otherwise bounce between cores on every write.
#pragma warning disable CS0169 // never read: only there for its size
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6, _pad7, _pad8, _pad9;
#pragma warning restore CS0169
}
