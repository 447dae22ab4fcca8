using EvmCluster.Coordinator.Client;

namespace EvmCluster.Cluster.Tests;

/// <summary>
/// One coordinator and three worker processes on 127.0.0.1 for the whole test collection, each
/// writing its spans as JSON lines into a fresh folder.
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    public const int Workers = 3;

    public ClusterFixture()
    {
        TraceDirectory = Path.Combine(Path.GetTempPath(), "evmcluster-traces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TraceDirectory);
        Launcher = ClusterLauncher.StartAsync(Workers, new Dictionary<string, string> { ["EVMCLUSTER_TRACE_DIR"] = TraceDirectory })
            .GetAwaiter().GetResult();
        Client = new ClusterClient(Launcher.Url);
    }

    public ClusterLauncher Launcher { get; }
    public ClusterClient Client { get; }
    public string TraceDirectory { get; }

    public void Dispose()
    {
        Client.Dispose();
        Launcher.Dispose();
        try
        {
            Directory.Delete(TraceDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
