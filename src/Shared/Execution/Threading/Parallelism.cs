namespace EvmCluster.Execution.Threading;

/// <summary>
/// A loop over independent items: on the calling thread for one thread, else on the process's shared
/// worker pool of that many threads (the threads that just executed the block, so warm and not
/// competing with the thread pool). Items are claimed in chunks. Called from a pool thread, the loop
/// runs inline: a job never waits for the pool it runs on.
/// </summary>
public static class Parallelism
{
    /// <summary>Chunks per thread: enough to even out uneven items, few enough to keep the shared counter quiet.</summary>
    private const int ChunksPerThread = 8;

    public static void For(int count, int threads, Action<int> body)
    {
        if (threads <= 1 || count < 2 || LargeStackWorkerPool.OnPoolThread)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        int chunk = Math.Max(1, count / (threads * ChunksPerThread));
        int next = 0;
        LargeStackWorkerPool.Shared(threads).Run(needsLargeStack: false, body: _ =>
        {
            for (int start = Interlocked.Add(ref next, chunk) - chunk; start < count; start = Interlocked.Add(ref next, chunk) - chunk)
            {
                int end = Math.Min(count, start + chunk);
                for (int i = start; i < end; i++) body(i);
            }
        });
    }
}
