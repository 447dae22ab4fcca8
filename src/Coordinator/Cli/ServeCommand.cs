using EvmCluster.Coordinator.Api;
using EvmCluster.Coordinator.Cluster;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Telemetry;

namespace EvmCluster.Coordinator.Cli;

/// <summary>
/// <c>serve [--embedded-workers N] [--grpc-port P] [--akka-port P] [--host H] [--seed ADDR] [--min-workers N] [--worker-threads N]</c>:
/// a coordinator node with the gRPC API; with embedded workers, a whole cluster in one process.
/// </summary>
public static class ServeCommand
{
    public static int Run(CommandArguments args)
    {
        int embedded = args.GetInt("embedded-workers", 0, min: 0);
        int grpcPort = args.GetInt("grpc-port", EnvironmentInt("EVMCLUSTER_GRPC_PORT", 5000));
        int akkaPort = args.GetInt("akka-port", EnvironmentInt("EVMCLUSTER_AKKA_PORT", NodeSettings.DefaultCoordinatorPort));
        string? host = args.Get("host");
        string? seed = args.Get("seed");
        int minWorkers = args.GetInt("min-workers", Math.Max(1, EnvironmentInt("EVMCLUSTER_MIN_WORKERS", Math.Max(1, embedded))));
        // Embedded workers share this process's cores; a lone coordinator lets each worker use all of its own.
        int workerThreads = args.GetInt("worker-threads", embedded > 0 ? Client.ClusterLauncher.SharedCores(embedded) : 0, min: 0);
        args.EnsureAllUsed();
        if (args.Positional.Count > 0) throw new UsageException($"serve takes no positional arguments, got '{args.Positional[0]}'");

        NodeSettings node;
        try
        {
            node = NodeSettings.FromEnvironment(NodeSettings.CoordinatorRole, akkaPort, host, akkaPort, seed is null ? null : [seed]);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        // A lone coordinator seeds itself.
        if (node.Seeds.Count == 0) node = node with { Seeds = [NodeSettings.SeedAddress(node.Hostname, node.AkkaPort)] };

        using TelemetrySetup telemetry = TelemetrySetup.Start("evmcluster-coordinator");
        var options = new ServeOptions(node, grpcPort, embedded,
            new CoordinatorOptions(minWorkers, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10), workerThreads));
        CoordinatorServer server = CoordinatorServer.StartAsync(options).GetAwaiter().GetResult();
        Console.WriteLine($"coordinator {server.Address}: gRPC on port {grpcPort}, {embedded} embedded workers, waits for {minWorkers} workers before loading state");
        var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        Task.WhenAny(server.WhenTerminated, Task.Run(stop.Wait)).GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
        return 0;
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : fallback;
}
