using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Fixtures.BlockTests;

namespace EvmCluster.Coordinator.Cli;

/// <summary><c>blocktest [--mode M] [--threads N] &lt;file|dir&gt;...</c>: one line per failing test, then "N passed, M failed".</summary>
public static class BlockTestCommand
{
    public static int Run(CommandArguments args)
    {
        string mode = ExecutionModes.Read(args);
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        using ClusterSession? cluster = ClusterSession.FromArguments(args, mode == ExecutionModes.Cluster);
        args.EnsureAllUsed();
        List<string> files = FixturePaths.ExpandJsonFiles(args.Positional);
        var tally = new FixtureTally();
        int fileThreads = mode == ExecutionModes.Sequential ? threads : 1;
        FixtureTally.ForEachFile(files, fileThreads, () => new BlockTestRunner(ExecutionModes.Create(mode, threads, cluster)), (runner, file) =>
        {
            List<BlockTest> tests;
            try
            {
                tests = BlockTestLoader.Load(file);
            }
            catch (Exception e) when (e is FixtureException or IOException or UnauthorizedAccessException)
            {
                tally.Fail($"{file}: {e.Message}");
                return;
            }
            foreach (BlockTest test in tests)
            {
                string? failure = runner.Run(test);
                if (failure is null) tally.Pass();
                else tally.Fail($"{file} {test.Name}: {failure}");
            }
        });
        return tally.Report();
    }
}
