namespace EvmCluster.Coordinator.Cli;

/// <summary>Expands file and directory arguments into fixture files, in a stable order.</summary>
public static class FixturePaths
{
    public static List<string> ExpandJsonFiles(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new UsageException("give at least one file or directory");
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).ToList();
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else throw new UsageException($"no such file or directory: {path}");
        }
        return files;
    }
}
