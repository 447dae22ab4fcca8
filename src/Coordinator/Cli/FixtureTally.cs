using System.Collections.Concurrent;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Coordinator.Cli;

/// <summary>Counts passes and failures across threads and prints the test-style summary.</summary>
public sealed class FixtureTally
{
    private readonly ConcurrentBag<string> _failures = [];
    private int _passed;
    private int _failed;

    public void Pass() => Interlocked.Increment(ref _passed);

    public void Fail(string line)
    {
        Interlocked.Increment(ref _failed);
        _failures.Add(line);
    }

    /// <summary>Prints the failures in a stable order and "N passed, M failed"; returns the exit code.</summary>
    public int Report()
    {
        foreach (string line in _failures.OrderBy(l => l, StringComparer.Ordinal)) Console.WriteLine(line);
        Console.WriteLine($"{_passed} passed, {_failed} failed");
        return _failed == 0 ? 0 : 1;
    }

    /// <summary>Hands files to <paramref name="threads"/> large-stack workers, each with its own runner.</summary>
    public static void ForEachFile<TRunner>(IReadOnlyList<string> files, int threads, Func<TRunner> createRunner, Action<TRunner, string> body)
    {
        int next = -1;
        LargeStackThreads.Run(Math.Max(1, Math.Min(threads, files.Count)), _ =>
        {
            TRunner runner = createRunner();
            for (int i = Interlocked.Increment(ref next); i < files.Count; i = Interlocked.Increment(ref next)) body(runner, files[i]);
        });
    }
}
