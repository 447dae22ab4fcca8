using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;

namespace EvmCluster.Coordinator.Cli;

/// <summary>The <c>--mode</c> option: which block processor a command uses.</summary>
public static class ExecutionModes
{
    public const string Sequential = "sequential";
    public const string Parallel = "parallel";
    public const string Cluster = "cluster";

    public static string Read(CommandArguments args) => Validate(args.Get("mode") ?? Sequential);

    public static string Validate(string mode) =>
        mode is Sequential or Parallel or Cluster ? mode : throw new UsageException($"unknown mode '{mode}' (available: {Sequential}, {Parallel}, {Cluster})");

    public static IBlockProcessor Create(string mode, int threads, ClusterSession? cluster = null, bool mirror = true) => mode switch
    {
        Parallel => new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = threads }),
        Cluster => new ClusterBlockProcessor((cluster ?? throw new InvalidOperationException("cluster mode needs a cluster session")).Client, mirror),
        _ => new BlockProcessor(),
    };
}

/// <summary>
/// The cluster a command runs against: <c>--coordinator URL</c>, or a coordinator plus <c>--workers N</c>
/// worker processes started on loopback for the command's duration.
/// </summary>
public sealed class ClusterSession : IDisposable
{
    private readonly ClusterLauncher? _launcher;

    private ClusterSession(ClusterClient client, ClusterLauncher? launcher, int workers)
    {
        Client = client;
        _launcher = launcher;
        Workers = workers;
    }

    public ClusterClient Client { get; }
    public int Workers { get; }

    /// <summary>Reads --coordinator / --workers when <paramref name="needed"/>; null otherwise.</summary>
    public static ClusterSession? FromArguments(CommandArguments args, bool needed)
    {
        string? url = args.Get("coordinator");
        int workers = args.GetInt("workers", 2);
        if (!needed) return null;
        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _)) throw new UsageException($"--coordinator must be a URL like http://127.0.0.1:5000, got '{url}'");
            return new ClusterSession(new ClusterClient(url), null, 0);
        }
        Console.Error.WriteLine($"starting a coordinator and {workers} worker processes on 127.0.0.1 ...");
        ClusterLauncher launcher = ClusterLauncher.StartAsync(workers).GetAwaiter().GetResult();
        return new ClusterSession(new ClusterClient(launcher.Url), launcher, workers);
    }

    public void Dispose()
    {
        Client.Dispose();
        _launcher?.Dispose();
    }
}
