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

    [Fact]
    public void A_large_stack_caller_runs_index_0_itself_and_the_pool_runs_the_rest()
    {
        using var pool = new LargeStackWorkerPool(3);
        var ranOn = new Thread?[3];
        Thread caller = LargeStackThreads.RunOne(() =>
        {
            pool.Run(index => ranOn[index] = Thread.CurrentThread);
            return Thread.CurrentThread;
        });
        Assert.Same(caller, ranOn[0]);
        Assert.All(ranOn[1..], t => Assert.NotSame(caller, t));
        Assert.Equal(3, ranOn.Distinct().Count());
    }

    [Fact]
    public void A_caller_without_a_large_stack_runs_a_large_stack_body_on_the_pool_only()
    {
        using var pool = new LargeStackWorkerPool(2);
        var ranOn = new Thread?[2];
        var caller = new Thread(() => pool.Run(index => ranOn[index] = Thread.CurrentThread));
        caller.Start();
        caller.Join();
        Assert.DoesNotContain(caller, ranOn);
        // A body that needs no large stack may run on that caller.
        var loose = new Thread(() => pool.Run(index => ranOn[index] = Thread.CurrentThread, needsLargeStack: false));
        loose.Start();
        loose.Join();
        Assert.Same(loose, ranOn[0]);
    }

    [Fact]
    public void A_failure_on_the_callers_index_is_rethrown_and_a_loop_nested_there_runs_inline()
    {
        using var pool = new LargeStackWorkerPool(2);
        var nestedOn = new System.Collections.Concurrent.ConcurrentQueue<Thread>();
        Thread? caller = null;
        bool markedAfter = true;
        void RunFailingJob()
        {
            caller = Thread.CurrentThread;
            try
            {
                pool.Run(index =>
                {
                    if (index != 0) return;
                    Parallelism.For(8, 2, _ => nestedOn.Enqueue(Thread.CurrentThread));
                    throw new InvalidOperationException("index 0 failed");
                });
            }
            finally
            {
                markedAfter = LargeStackWorkerPool.OnPoolThread;
            }
        }

        var e = Assert.Throws<AggregateException>(() => LargeStackThreads.RunOne(() => { RunFailingJob(); return 0; }));
        Assert.Equal("index 0 failed", e.InnerException!.InnerException!.Message);
        Assert.Equal(8, nestedOn.Count);
        Assert.All(nestedOn, t => Assert.Same(caller, t));
        Assert.False(markedAfter);
    }

    [Fact]
    public void A_job_cannot_start_another_job_on_its_own_pool_from_the_callers_index()
    {
        using var pool = new LargeStackWorkerPool(2);
        var e = Assert.Throws<AggregateException>(() => LargeStackThreads.RunOne(() =>
        {
            pool.Run(index => { if (index == 0) pool.Run(_ => { }); });
            return 0;
        }));
        Assert.Contains("cannot start another job on the same pool", e.InnerException!.InnerException!.Message);
        // The pool still works afterwards.
        int runs = 0;
        LargeStackThreads.RunOne(() => { pool.Run(_ => Interlocked.Increment(ref runs)); return 0; });
        Assert.Equal(2, runs);
    }
}
