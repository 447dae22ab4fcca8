using EvmCluster.Coordinator.Cli;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Coordinator.Tests;

/// <summary>Bad input to the test-style commands gives one clear line and an exit code, never a stack trace.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evmcluster-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        TextWriter stdout = Console.Out, stderr = Console.Error;
        var o = new StringWriter();
        var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (CommandLine.Run(args), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Fact]
    public void Missing_file_is_a_usage_error_naming_the_path()
    {
        var (exit, _, err) = Run("statetest", Path.Combine(_dir, "nope.json"));
        Assert.Equal(2, exit);
        Assert.Contains("no such file or directory", err);
        Assert.Contains("nope.json", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Malformed_json_fails_that_file_and_says_why()
    {
        string file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, "{\"x\": ");
        var (exit, output, _) = Run("statetest", file);
        Assert.Equal(1, exit);
        Assert.Contains("broken.json: malformed JSON", output);
        Assert.EndsWith("0 passed, 1 failed", output.TrimEnd());
    }

    [Fact]
    public void Unknown_fork_is_a_usage_error_listing_known_forks()
    {
        string file = Path.Combine(_dir, "empty.json");
        File.WriteAllText(file, "{}");
        var (exit, _, err) = Run("statetest", "--fork", "Bogus", file);
        Assert.Equal(2, exit);
        Assert.Contains("unknown fork 'Bogus'", err);
        Assert.Contains("Cancun", err);
    }

    [Fact]
    public void Unknown_option_and_command_are_usage_errors()
    {
        Assert.Equal(2, Run("statetest", "--frok", "Cancun", _dir).Exit);
        Assert.Equal(2, Run("frobnicate").Exit);
    }

    [Fact]
    public void A_wrong_expected_root_is_reported_as_a_failure()
    {
        string source = TestData.Combine("state-tests", "GeneralStateTests", "stExample", "add11.json");
        string file = Path.Combine(_dir, "add11.json");
        File.WriteAllText(file, File.ReadAllText(source).Replace(
            "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
            "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa531"));
        var (exit, output, _) = Run("statetest", file);
        Assert.Equal(1, exit);
        Assert.Contains("add11 Cancun d0 g0 v0: state root: expected", output);
    }

    [Fact]
    public void A_valid_file_passes()
    {
        var (exit, output, _) = Run("statetest", TestData.Combine("state-tests", "GeneralStateTests", "stExample", "add11.json"));
        Assert.Equal(0, exit);
        Assert.EndsWith("1 passed, 0 failed", output.TrimEnd());
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
