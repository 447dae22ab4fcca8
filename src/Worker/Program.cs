using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Worker.Hosting;

// A worker node: dotnet EvmCluster.Worker.dll [--seed akka.tcp://evmcluster@host:port]... [--host H] [--port P]
var seeds = new List<string>();
string? host = null;
int? port = null;
for (int i = 0; i < args.Length; i++)
{
    string? value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--seed" when value is not null: seeds.Add(value); i++; break;
        case "--host" when value is not null: host = value; i++; break;
        case "--port" when value is not null && int.TryParse(value, out int p): port = p; i++; break;
        default:
            Console.Error.WriteLine($"usage: EvmCluster.Worker [--seed akka.tcp://{NodeSettings.SystemName}@host:port]... [--host H] [--port P]  (bad argument '{args[i]}')");
            return 2;
    }
}

NodeSettings settings;
try
{
    settings = NodeSettings.FromEnvironment(NodeSettings.WorkerRole, 0, host, port, seeds);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (settings.Seeds.Count == 0)
{
    Console.Error.WriteLine("no seed: pass --seed akka.tcp://evmcluster@<coordinator>:4053 or set EVMCLUSTER_SEEDS");
    return 2;
}

using TelemetrySetup telemetry = TelemetrySetup.Start("evmcluster-worker");
WorkerHost worker = WorkerHost.Start(settings);
Console.WriteLine($"worker {worker.Address} joining {string.Join(", ", settings.Seeds)}");
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    _ = worker.DisposeAsync().AsTask();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => worker.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
await worker.System.WhenTerminated;
return 0;
