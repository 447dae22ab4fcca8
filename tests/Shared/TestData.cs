namespace EvmCluster.Tests.Shared;

/// <summary>
/// Locates ../shared/data (or $EVMCLUSTER_DATA). Tests that need it fail with a clear message when
/// it is missing: the Ethereum vectors are the truth these tests check against.
/// </summary>
public static class TestData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("EVMCLUSTER_DATA");
            string path = fromEnvironment ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"test data not found at {path}: put the shared data beside the repository or set EVMCLUSTER_DATA");
            return path;
        }
    }

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
