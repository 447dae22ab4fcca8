namespace EvmCluster.Coordinator.Cli;

/// <summary>The command-line entry: picks a command and turns usage errors into a message and exit code 2.</summary>
public static class CommandLine
{
    public const int UsageError = 2;

    private static readonly Dictionary<string, Func<CommandArguments, int>> Commands = new(StringComparer.Ordinal)
    {
        ["statetest"] = StateTestCommand.Run,
        ["blocktest"] = BlockTestCommand.Run,
        ["replay"] = ReplayCommand.Run,
        ["bench"] = BenchCommand.Run,
        ["serve"] = ServeCommand.Run,
        ["submit"] = SubmitCommand.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? UsageError : 0;
        }
        if (!Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine($"error: unknown command '{args[0]}'");
            PrintUsage(Console.Error);
            return UsageError;
        }
        try
        {
            return command(CommandArguments.Parse(args.AsSpan(1)));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: EvmCluster.Coordinator <command> [options]");
        w.WriteLine("  statetest [--fork F] [--threads N] <file|dir>...   run Ethereum GeneralStateTests");
        w.WriteLine("  blocktest [--mode M] [--threads N] <file|dir>...   run Ethereum BlockchainTests");
        w.WriteLine("  replay [--mode M] [--threads N] [--workers N | --coordinator URL] [--repeat K] <block-dir|dir>...  replay mainnet blocks against their headers");
        w.WriteLine("  bench [--mode M[,M]] [--threads N] [--workers N | --coordinator URL] [--repeat K] [--warmup W] [--json FILE] <workload-dir>...  time and verify workloads");
        w.WriteLine("  serve [--embedded-workers N] [--grpc-port P] [--akka-port P] [--host H] [--seed ADDR] [--min-workers N]  coordinator + gRPC API");
        w.WriteLine("  submit --coordinator URL [--dry-run] [--verify] <block.json>   send a block over gRPC and print the result");
        w.WriteLine("  M: sequential | parallel | cluster (cluster starts a coordinator and --workers N processes on 127.0.0.1 unless --coordinator is given)");
    }
}

/// <summary>A mistake in how a command was called: reported as one line, never a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
