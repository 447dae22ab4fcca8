using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EvmCluster.Protocol.Telemetry;

/// <summary>
/// Exporters from the environment: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_*
/// variables configure it), spans on the console with EVMCLUSTER_TRACE_CONSOLE=1, and spans as JSON
/// lines under EVMCLUSTER_TRACE_DIR (one file per process) for tests and offline inspection.
/// </summary>
public sealed class TelemetrySetup : IDisposable
{
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    private TelemetrySetup(TracerProvider? tracer, MeterProvider? meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    public static TelemetrySetup Start(string serviceName)
    {
        bool otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        bool console = Environment.GetEnvironmentVariable("EVMCLUSTER_TRACE_CONSOLE") is "1" or "true";
        string? directory = Environment.GetEnvironmentVariable("EVMCLUSTER_TRACE_DIR");
        if (!otlp && !console && string.IsNullOrEmpty(directory)) return new TelemetrySetup(null, null);

        string service = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } named ? named : serviceName;
        ResourceBuilder resource = ResourceBuilder.CreateDefault().AddService(service, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}");
        TracerProviderBuilder traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(ClusterTelemetry.SourceName);
        if (otlp) traces.AddOtlpExporter();
        if (console) traces.AddConsoleExporter();
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            string file = Path.Combine(directory, $"{serviceName}-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
            traces.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(file, service)));
        }
        MeterProvider? meter = otlp
            ? Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(ClusterTelemetry.SourceName).AddOtlpExporter().Build()
            : null;
        return new TelemetrySetup(traces.Build(), meter);
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
