using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry;

namespace EvmCluster.Protocol.Telemetry;

/// <summary>Writes each finished span as one JSON line (ids, parent, name, service, times, tags).</summary>
public sealed class JsonLinesSpanExporter(string path, string service) : BaseExporter<Activity>
{
    private readonly object _gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        var lines = new List<string>();
        foreach (Activity activity in batch)
        {
            var tags = new Dictionary<string, string?>();
            foreach (var (key, value) in activity.TagObjects) tags[key] = value?.ToString();
            lines.Add(JsonSerializer.Serialize(new SpanRecord(
                activity.TraceId.ToHexString(), activity.SpanId.ToHexString(),
                activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
                activity.DisplayName, service, activity.StartTimeUtc, activity.Duration.TotalMilliseconds, tags)));
        }
        lock (_gate) File.AppendAllLines(path, lines);
        return ExportResult.Success;
    }
}

/// <summary>One exported span.</summary>
public sealed record SpanRecord(string TraceId, string SpanId, string? ParentSpanId, string Name, string Service,
    DateTime StartUtc, double DurationMs, Dictionary<string, string?> Tags);
