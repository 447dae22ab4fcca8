using System.Diagnostics;
using System.Diagnostics.Metrics;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Protocol.Telemetry;

/// <summary>
/// Span and metric names, and the W3C trace context carried inside protobuf messages:
/// <see cref="Activity.Current"/> does not cross actor mailboxes or processes.
/// </summary>
public static class ClusterTelemetry
{
    public const string SourceName = "EvmCluster";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> Blocks = Meter.CreateCounter<long>("evmcluster.blocks", description: "blocks executed");
    public static readonly Counter<long> Transactions = Meter.CreateCounter<long>("evmcluster.transactions", description: "transactions executed");
    public static readonly Counter<long> Gas = Meter.CreateCounter<long>("evmcluster.gas", "gas", "gas used by executed blocks");
    public static readonly Counter<long> Reexecutions = Meter.CreateCounter<long>("evmcluster.reexecutions", description: "transactions re-executed by the coordinator, by reason");
    public static readonly Counter<long> RemoteReads = Meter.CreateCounter<long>("evmcluster.remote_reads", description: "keys read from another shard");
    public static readonly Counter<long> MessageBytes = Meter.CreateCounter<long>("evmcluster.message_bytes", "By", "protobuf bytes of cluster messages");
    public static readonly Histogram<double> BlockSeconds = Meter.CreateHistogram<double>("evmcluster.block.duration", "s", "block execution, plan to commit");
    public static readonly Histogram<double> GasPerSecond = Meter.CreateHistogram<double>("evmcluster.block.gas_per_second", "gas/s", "per block");

    public static class Spans
    {
        public const string BlockExecute = "block.execute";
        public const string Plan = "plan";
        public const string Dispatch = "dispatch";
        public const string ShardExecute = "shard.execute";
        public const string Validate = "validate";
        public const string Reexecute = "re-execute";
        public const string Commit = "commit";
        public const string StateRoot = "state root";
        public const string LoadState = "state.load";
    }

    public static TraceContext? Capture(Activity? activity) =>
        activity is null ? null : new TraceContext { Traceparent = activity.Id ?? "", Tracestate = activity.TraceStateString ?? "" };

    /// <summary>Starts a span whose parent is the span that sent <paramref name="context"/> (a new trace if none).</summary>
    public static Activity? StartChild(string name, TraceContext? context, ActivityKind kind = ActivityKind.Server)
    {
        if (context is not null && ActivityContext.TryParse(context.Traceparent, context.Tracestate, out ActivityContext parent))
            return Source.StartActivity(name, kind, parent);
        return Source.StartActivity(name, kind);
    }
}
