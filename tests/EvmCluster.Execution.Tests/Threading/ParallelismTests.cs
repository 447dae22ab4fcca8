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
    public void The_caller_works_as_one_more_worker()
    {
        using var pool = new LargeStackWorkerPool(2);
        var seen = new int[3];
        int caller = Environment.CurrentManagedThreadId, callerIndex = -1;
        pool.RunWithCaller(index =>
        {
            Interlocked.Increment(ref seen[index]);
            if (Environment.CurrentManagedThreadId == caller) callerIndex = index;
        });
        Assert.Equal([1, 1, 1], seen);
        Assert.Equal(2, callerIndex);
    }

    [Fact]
    public void A_loop_nested_in_the_callers_share_runs_inline_instead_of_reentering_the_pool()
    {
        var runs = new int[64];
        Parallelism.For(4, 2, outer => Parallelism.For(16, 2, inner => Interlocked.Increment(ref runs[outer * 16 + inner])));
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.False(LargeStackWorkerPool.OnPoolThread);
    }

    [Fact]
    public void A_failure_on_the_caller_or_a_worker_is_rethrown_after_all_finish()
    {
        using var pool = new LargeStackWorkerPool(2);
        int finished = 0;
        var e = Assert.Throws<AggregateException>(() => pool.RunWithCaller(index =>
        {
            if (index == 2) throw new InvalidOperationException("caller's share failed");
            Thread.Sleep(20);
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("caller's share failed", e.InnerException!.Message);
        Assert.Equal(2, finished);
        // The pool still works afterwards.
        int runs = 0;
        pool.RunWithCaller(_ => Interlocked.Increment(ref runs));
        Assert.Equal(3, runs);
    }
}
