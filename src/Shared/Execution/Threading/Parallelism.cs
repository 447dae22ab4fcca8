namespace EvmCluster.Execution.Threading;

/// <summary>A loop over independent items: on the calling thread for one thread, else spread over up to that many pool threads.</summary>
public static class Parallelism
{
    public static void For(int count, int threads, Action<int> body)
    {
        if (threads <= 1 || count < 2)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        System.Threading.Tasks.Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
