using System.Collections.Concurrent;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Fixtures.StateTests;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Coordinator.Cli;

/// <summary><c>statetest [--fork F] [--threads N] &lt;file|dir&gt;...</c>: one line per failure, then "N passed, M failed".</summary>
public static class StateTestCommand
{
    public static int Run(CommandArguments args)
    {
        string? fork = args.Get("fork");
        if (fork is not null && !Forks.TryGet(fork, out _))
            throw new UsageException($"unknown fork '{fork}' (known: {string.Join(", ", Forks.Names)})");
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        args.EnsureAllUsed();
        List<string> files = FixturePaths.ExpandJsonFiles(args.Positional);

        var failures = new ConcurrentBag<string>();
        int passed = 0, failed = 0, next = -1;
        LargeStackThreads.Run(Math.Min(threads, files.Count), _ =>
        {
            var runner = new StateTestRunner();
            for (int i = Interlocked.Increment(ref next); i < files.Count; i = Interlocked.Increment(ref next))
            {
                List<StateTestCase> cases;
                try
                {
                    cases = StateTestLoader.Load(files[i], fork);
                }
                catch (Exception e) when (e is FixtureException or IOException or UnauthorizedAccessException)
                {
                    failures.Add($"{files[i]}: {e.Message}");
                    Interlocked.Increment(ref failed);
                    continue;
                }
                foreach (StateTestCase c in cases)
                {
                    StateTestOutcome outcome = runner.Run(c);
                    if (outcome.Passed) Interlocked.Increment(ref passed);
                    else
                    {
                        Interlocked.Increment(ref failed);
                        failures.Add($"{c.Id}: {outcome.Failure}");
                    }
                }
            }
        });

        foreach (string line in failures.OrderBy(l => l, StringComparer.Ordinal)) Console.WriteLine(line);
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
