using System.Text.Json.Serialization;

namespace EvmCluster.Execution.Benchmarking;

/// <summary>One workload measured in one mode: the row of <c>bench --json</c> (field names fixed by the command-line contract).</summary>
public sealed record BenchResult
{
    [JsonPropertyName("workload")] public required string Workload { get; init; }
    [JsonPropertyName("mode")] public required string Mode { get; init; }
    [JsonPropertyName("threads")] public int Threads { get; init; }
    [JsonPropertyName("workers")] public int Workers { get; init; }
    [JsonPropertyName("txs")] public int Txs { get; init; }
    [JsonPropertyName("gas")] public long Gas { get; init; }
    [JsonPropertyName("median_ms")] public double MedianMs { get; init; }
    [JsonPropertyName("recover_ms")] public double RecoverMs { get; init; }
    [JsonPropertyName("mgas_per_s")] public double MgasPerS { get; init; }
    [JsonPropertyName("tps")] public double Tps { get; init; }
    [JsonPropertyName("reexecutions")] public long Reexecutions { get; init; }
    [JsonPropertyName("state_root")] public string StateRoot { get; init; } = "";
    /// <summary>The machine's own N-thread speed-up on independent work in the same sitting (<see cref="ParallelCeiling"/>); 1 for one thread.</summary>
    [JsonPropertyName("machine_scaling")] public double MachineScaling { get; init; } = 1;
    [JsonPropertyName("ok")] public bool Ok { get; init; }
    [JsonPropertyName("failure")] public string? Failure { get; init; }
}
