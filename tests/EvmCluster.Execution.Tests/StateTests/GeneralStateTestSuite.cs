using System.Collections.Concurrent;
using EvmCluster.Execution.Fixtures.StateTests;
using EvmCluster.Execution.Threading;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.StateTests;

/// <summary>Every case of ../shared/data/state-tests, one theory row per top-level folder.</summary>
public sealed class GeneralStateTestSuite
{
    private static string SuiteRoot => TestData.Combine("state-tests", "GeneralStateTests");

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(SuiteRoot).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_case_matches_the_expected_post_state(string folder)
    {
        string[] files = Directory.GetFiles(Path.Combine(SuiteRoot, folder), "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        int cases = 0, next = -1;
        LargeStackThreads.Run(Environment.ProcessorCount, _ =>
        {
            var runner = new StateTestRunner();
            for (int i = Interlocked.Increment(ref next); i < files.Length; i = Interlocked.Increment(ref next))
            {
                foreach (StateTestCase c in StateTestLoader.Load(files[i]))
                {
                    Interlocked.Increment(ref cases);
                    StateTestOutcome outcome = runner.Run(c);
                    if (!outcome.Passed) failures.Enqueue($"{c.Id}: {outcome.Failure}");
                }
            }
        });
        Assert.True(cases > 0, $"no cases found under {folder}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures.Take(50)));
    }
}
