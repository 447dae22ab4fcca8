using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Tests.Threading;

/// <summary>The worker pool and the parallel loop the roots are built with.</summary>
public class ParallelismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Every_item_runs_exactly_once(int threads)
    {
        var runs = new int[10_000];
        Parallelism.For(runs.Length, threads, i => Interlocked.Increment(ref runs[i]));
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_loop_nested_in_a_loop_runs_inline_instead_of_reentering_the_pool()
    {
        var runs = new int[64];
        Parallelism.For(4, 2, outer => Parallelism.For(16, 2, inner => Interlocked.Increment(ref runs[outer * 16 + inner])));
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_failure_on_a_worker_is_rethrown_after_all_finish()
    {
        using var pool = new LargeStackWorkerPool(2);
        int finished = 0;
        var e = Assert.Throws<AggregateException>(() => pool.Run(index =>
        {
            if (index == 1) throw new InvalidOperationException("worker 1 failed");
            Thread.Sleep(20);
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("worker 1 failed", e.InnerException!.Message);
        Assert.Equal(1, finished);
        // The pool still works afterwards.
        int runs = 0;
        pool.Run(_ => Interlocked.Increment(ref runs));
        Assert.Equal(2, runs);
    }
}
