namespace EvmCluster.Execution.Parallel;

/// <summary>What one block cost the parallel executor: how much speculation was wasted and why.</summary>
public sealed record ParallelStatistics
{
    public int Transactions { get; init; }
    /// <summary>Speculative executions plus re-executions.</summary>
    public int Executions { get; init; }
    /// <summary>Speculations that read something stale and ran again at commit.</summary>
    public int Reexecutions { get; init; }
    /// <summary>Transactions the committer ran directly, never speculated (after a fallback to sequential).</summary>
    public int SequentialExecutions { get; init; }
    public int StaleAccountReads { get; init; }
    public int StaleStorageReads { get; init; }
    public int StaleStoragePresenceReads { get; init; }
    /// <summary>Transactions that touched the fee recipient and so ran again with the fee credited in place.</summary>
    public int FeeRecipientTouches { get; init; }
    /// <summary>Speculations that were invalid or threw (their reads were inconsistent).</summary>
    public int FailedSpeculations { get; init; }
    /// <summary>Whether the rest of the block ran sequentially after too many conflicts (or the block was small).</summary>
    public bool FallbackUsed { get; init; }

    public override string ToString() =>
        $"txs {Transactions}, executions {Executions}, re-executions {Reexecutions}, sequential {SequentialExecutions} (stale account {StaleAccountReads}, storage {StaleStorageReads}, " +
        $"presence {StaleStoragePresenceReads}, fee recipient {FeeRecipientTouches}, failed {FailedSpeculations}), fallback {FallbackUsed}";
}
