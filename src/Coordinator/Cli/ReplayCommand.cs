using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Fixtures.Mainnet;

namespace EvmCluster.Coordinator.Cli;

/// <summary>
/// <c>replay [--mode sequential|parallel|cluster] [--threads N] [--repeat K] &lt;block-dir|dir&gt;...</c>: mainnet
/// blocks checked against their headers. With <c>--repeat K</c> each block also runs once untimed and then
/// K times, and the reported time is the sum over blocks of each block's median.
/// </summary>
public static class ReplayCommand
{
    public static int Run(CommandArguments args)
    {
        string mode = ExecutionModes.Read(args);
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        int repeat = args.GetInt("repeat", 1);
        if (repeat < 1) throw new UsageException("--repeat must be at least 1");
        using ClusterSession? cluster = ClusterSession.FromArguments(args, mode == ExecutionModes.Cluster);
        args.EnsureAllUsed();
        List<string> blocks = BlockDirectories(args.Positional);
        var tally = new FixtureTally();
        long executionTicks = 0;
        // Sequential mode spreads blocks over the threads; parallel mode gives each block all of them.
        int blockThreads = mode == ExecutionModes.Sequential ? threads : 1;
        FixtureTally.ForEachFile(blocks, blockThreads, () => new MainnetReplayRunner(ExecutionModes.Create(mode, threads, cluster)), (runner, dir) =>
        {
            string? failure;
            try
            {
                MainnetBlock block = MainnetBlockLoader.ForBlock(dir).Load(dir);
                failure = runner.Run(block);
                var times = new List<double> { runner.LastExecutionMs };
                if (repeat > 1)
                {
                    times.Clear();
                    for (int i = 0; i < repeat && failure is null; i++)
                    {
                        failure = runner.Run(block);
                        times.Add(runner.LastExecutionMs);
                    }
                }
                times.Sort();
                Interlocked.Add(ref executionTicks, TimeSpan.FromMilliseconds(times[times.Count / 2]).Ticks);
            }
            catch (Exception e) when (e is FixtureException or IOException or System.Text.Json.JsonException)
            {
                failure = e.Message;
            }
            if (failure is null) tally.Pass();
            else tally.Fail($"{dir}: {failure}");
        });
        string timing = repeat > 1 ? $"sum of per-block medians of {repeat} runs" : "one run each";
        Console.WriteLine($"execution and roots: {TimeSpan.FromTicks(executionTicks).TotalMilliseconds:F1} ms over {blocks.Count} blocks ({mode}, {threads} threads, {timing})");
        return tally.Report();
    }

    /// <summary>Folders holding a block.json: the arguments themselves or any folder below them.</summary>
    private static List<string> BlockDirectories(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new UsageException("give at least one block folder");
        var result = new List<string>();
        foreach (string path in paths)
        {
            if (!Directory.Exists(path)) throw new UsageException($"no such directory: {path}");
            if (File.Exists(Path.Combine(path, "block.json"))) result.Add(path);
            else
            {
                var found = Directory.EnumerateFiles(path, "block.json", SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).ToList();
                if (found.Count == 0) throw new UsageException($"no block.json under {path}");
                found.Sort(StringComparer.Ordinal);
                result.AddRange(found);
            }
        }
        return result;
    }
}
