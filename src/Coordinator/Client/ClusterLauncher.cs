using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Client;

/// <summary>
/// Starts a coordinator process and worker processes on 127.0.0.1 (free ports), waits until the
/// workers are cluster members, and stops them all on dispose. The executables are the ones built
/// next to this assembly.
/// </summary>
public sealed class ClusterLauncher : IDisposable
{
    private readonly List<Process> _processes = [];

    public string Url { get; }
    public int GrpcPort { get; }
    public int AkkaPort { get; }

    private ClusterLauncher(int grpcPort, int akkaPort, string? logDirectory)
    {
        LogDirectory = logDirectory;
        GrpcPort = grpcPort;
        AkkaPort = akkaPort;
        Url = $"http://127.0.0.1:{grpcPort}";
    }

    public IReadOnlyList<Process> Processes => _processes;

    /// <summary>Where each process's output goes (one file per process), when set.</summary>
    public string? LogDirectory { get; }

    /// <param name="minWorkers">How many workers the coordinator waits for before loading state (default: <paramref name="workers"/>).</param>
    /// <param name="logDirectory">Each process's standard output and error go to a file there (else only errors, to this process's standard error).</param>
    public static Task<ClusterLauncher> StartAsync(int workers, IDictionary<string, string>? environment = null, TimeSpan? timeout = null,
        int? minWorkers = null, string? logDirectory = null)
    {
        if (logDirectory is not null) Directory.CreateDirectory(logDirectory);
        return LaunchAsync(logDirectory, workers, timeout, launcher =>
        {
            string seed = NodeSettings.SeedAddress("127.0.0.1", launcher.AkkaPort);
            // The workers share this machine's cores: each batch gets its share of them.
            launcher.Start("EvmCluster.Coordinator.dll", ["serve", "--grpc-port", launcher.GrpcPort.ToString(), "--akka-port", launcher.AkkaPort.ToString(),
                "--host", "127.0.0.1", "--min-workers", (minWorkers ?? workers).ToString(), "--worker-threads", SharedCores(workers).ToString()], environment);
            for (int i = 0; i < workers; i++)
                launcher.Start("EvmCluster.Worker.dll", ["--seed", seed, "--host", "127.0.0.1", "--port", FreePort().ToString()], environment);
        });
    }

    /// <summary>One process: a coordinator running <paramref name="workers"/> workers inside it (<c>serve --embedded-workers N</c>).</summary>
    public static Task<ClusterLauncher> StartEmbeddedAsync(int workers, TimeSpan? timeout = null) =>
        LaunchAsync(logDirectory: null, workers, timeout, launcher =>
            launcher.Start("EvmCluster.Coordinator.dll", ["serve", "--embedded-workers", workers.ToString(), "--grpc-port", launcher.GrpcPort.ToString(),
                "--akka-port", launcher.AkkaPort.ToString(), "--host", "127.0.0.1"], null));

    /// <summary>Starts the processes on free ports and waits for <paramref name="workers"/> up workers; stops them all if that fails.</summary>
    private static async Task<ClusterLauncher> LaunchAsync(string? logDirectory, int workers, TimeSpan? timeout, Action<ClusterLauncher> start)
    {
        var launcher = new ClusterLauncher(FreePort(), FreePort(), logDirectory);
        try
        {
            start(launcher);
            await launcher.WaitForWorkersAsync(workers, timeout ?? TimeSpan.FromSeconds(90));
            return launcher;
        }
        catch
        {
            launcher.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Garbage-collector settings for the processes started here, unless this process's environment or
    /// the caller sets them. A block allocates tens of megabytes in each process, mostly short-lived
    /// (decoded batches, outcomes, staged writes): with the default gen0 budget (sized from the cache)
    /// much of it survives into older generations and is collected again there; with 64 MiB it dies young.
    /// Its arrays of a few hundred kilobytes (a busy contract's staged slots, outcome columns) stay out of
    /// the large-object heap below 16 MiB, whose budget would otherwise start full collections.
    /// The container image sets the same (deploy/docker/Dockerfile).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> GcDefaults = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x4000000",
        ["DOTNET_GCLOHThreshold"] = "0x1000000",
    };

    /// <summary>Threads per batch when <paramref name="workers"/> workers share this machine.</summary>
    public static int SharedCores(int workers) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, workers));

    public Process StartWorker(IDictionary<string, string>? environment = null) =>
        Start("EvmCluster.Worker.dll", ["--seed", NodeSettings.SeedAddress("127.0.0.1", AkkaPort), "--host", "127.0.0.1", "--port", FreePort().ToString()], environment);

    private Process Start(string assembly, string[] arguments, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in GcDefaults) info.Environment.TryAdd(key, value);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {assembly}");
        TextWriter? log = LogDirectory is null ? null
            : TextWriter.Synchronized(new StreamWriter(Path.Combine(LogDirectory, $"{Path.GetFileNameWithoutExtension(assembly)}-{process.Id}.log")) { AutoFlush = true });
        // Drain output so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log?.WriteLine(line); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line) return;
            if (log is not null) log.WriteLine(line);
            else Console.Error.WriteLine($"[{assembly} {process.Id}] {line}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Waits until at least <paramref name="workers"/> workers are up members.</summary>
    public async Task WaitForWorkersAsync(int workers, TimeSpan timeout)
    {
        using var client = new ClusterClient(Url);
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.FirstOrDefault(p => p.HasExited) is { } dead) throw new InvalidOperationException($"a cluster process exited early (code {dead.ExitCode})");
            try
            {
                ClusterStatus status = await client.Api.GetClusterStatusAsync(new GetClusterStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                int up = status.Members.Count(m => m.Status == "Up" && m.Roles.Contains(NodeSettings.WorkerRole));
                if (up >= workers) return;
                last = $"{up} of {workers} workers up";
            }
            catch (Grpc.Core.RpcException e)
            {
                last = e.Status.Detail;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the cluster did not come up within {timeout.TotalSeconds:0} s: {last}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (Process process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        _processes.Clear();
    }
}
