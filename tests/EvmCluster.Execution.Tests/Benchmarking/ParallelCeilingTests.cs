using EvmCluster.Execution.Benchmarking;

namespace EvmCluster.Execution.Tests.Benchmarking;

/// <summary>The machine's own scaling, which bench prints beside each parallel speed-up.</summary>
public class ParallelCeilingTests
{
    [Fact]
    public void One_thread_is_its_own_ceiling() => Assert.Equal(1, ParallelCeiling.Measure(1));

    [Fact]
    public void N_copies_on_N_threads_gain_something_and_never_more_than_N()
    {
        // Copies of independent work on two threads cannot beat two, and even a loaded machine runs two at once
        // faster than a fifth of one (timing bounds wide enough for any CI host; the point is a sane ratio).
        double scaling = ParallelCeiling.Measure(2);
        Assert.InRange(scaling, 0.2, 2.5);
    }
}
