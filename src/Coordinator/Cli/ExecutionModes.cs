using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;

namespace EvmCluster.Coordinator.Cli;

/// <summary>The <c>--mode</c> option: which block processor a command uses.</summary>
public static class ExecutionModes
{
    public const string Sequential = "sequential";
    public const string Parallel = "parallel";

    public static string Read(CommandArguments args) => Validate(args.Get("mode") ?? Sequential);

    public static string Validate(string mode) =>
        mode is Sequential or Parallel ? mode : throw new UsageException($"unknown mode '{mode}' (available: {Sequential}, {Parallel})");

    public static IBlockProcessor Create(string mode, int threads) => mode == Parallel
        ? new ParallelBlockProcessor(new ParallelExecutionOptions { Threads = threads })
        : new BlockProcessor();
}
