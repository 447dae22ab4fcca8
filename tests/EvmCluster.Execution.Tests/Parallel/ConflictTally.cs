using EvmCluster.Execution.Parallel;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>What a property run exercised: how many blocks speculated, conflicted, fell back, and why they re-executed.</summary>
public sealed class ConflictTally
{
    public int Blocks { get; private set; }
    public int Rejected { get; private set; }
    /// <summary>Accepted blocks run on two or more threads.</summary>
    public int Speculated { get; private set; }
    public int Reexecuted { get; private set; }
    public int FellBack { get; private set; }
    public int StaleAccount { get; private set; }
    public int StaleStorage { get; private set; }
    public int StalePresence { get; private set; }
    public int FeeRecipient { get; private set; }
    public int FailedSpeculations { get; private set; }

    public void Add(BlockCase c, BlockOutcome outcome)
    {
        Blocks++;
        if (outcome.Error is not null) Rejected++;
        if (outcome.Statistics is not { } s || c.Knobs.Threads < 2) return;
        Speculated++;
        if (s.Reexecutions > 0) Reexecuted++;
        if (s.FallbackUsed) FellBack++;
        StaleAccount += s.StaleAccountReads;
        StaleStorage += s.StaleStorageReads;
        StalePresence += s.StaleStoragePresenceReads;
        FeeRecipient += s.FeeRecipientTouches;
        FailedSpeculations += s.FailedSpeculations;
    }

    public override string ToString() =>
        $"{Blocks} blocks, {Rejected} rejected; of {Speculated} accepted multi-threaded blocks {Reexecuted} re-executed and {FellBack} fell back; " +
        $"stale reads: account {StaleAccount}, storage {StaleStorage}, presence {StalePresence}; fee recipient {FeeRecipient}; failed speculations {FailedSpeculations}";
}
