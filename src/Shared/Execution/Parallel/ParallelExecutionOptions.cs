namespace EvmCluster.Execution.Parallel;

/// <summary>How the parallel executor runs a block.</summary>
public sealed class ParallelExecutionOptions
{
    /// <summary>Worker threads (each speculates and, one at a time, commits). Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Blocks with fewer transactions run sequentially: speculation would not pay for itself.</summary>
    public int SmallBlockThreshold { get; init; } = 8;

    /// <summary>How far speculation may run ahead of the commit point, in transactions per thread.</summary>
    public int LookaheadPerThread { get; init; } = 64;

    /// <summary>
    /// Conflict bound: when this many of the last <see cref="ConflictWindow"/> commits needed a
    /// re-execution, the rest of the block runs sequentially.
    /// </summary>
    public int ConflictLimit { get; init; } = 24;
    public int ConflictWindow { get; init; } = 32;

    /// <summary>Test hook: runs on the worker after transaction i's speculative execution (e.g. to inject delays).</summary>
    public Action<int>? AfterSpeculation { get; init; }
}
