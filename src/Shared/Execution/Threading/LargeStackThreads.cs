using EvmCluster.Evm.Interpreter;

namespace EvmCluster.Execution.Threading;

/// <summary>Runs work on threads with the native stack the EVM's 1,024 nested calls need.</summary>
public static class LargeStackThreads
{
    [ThreadStatic]
    private static bool t_large;

    /// <summary>Whether the current thread was started here (or by a worker pool) with the EVM's stack size.</summary>
    public static bool OnLargeStack => t_large;

    internal static void MarkLarge() => t_large = true;

    /// <summary>Runs <paramref name="body"/>(worker index) on <paramref name="count"/> threads and waits; rethrows the first failure.</summary>
    public static void Run(int count, Action<int> body)
    {
        Exception? failure = null;
        var threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            threads[i] = new Thread(() =>
            {
                t_large = true;
                try
                {
                    body(index);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }, VirtualMachine.RequiredStackSize) { IsBackground = true, Name = $"evm-{i}" };
            threads[i].Start();
        }
        foreach (Thread t in threads) t.Join();
        if (failure is not null) throw new AggregateException(failure);
    }

    /// <summary>Runs <paramref name="body"/> on one large-stack thread and returns its result.</summary>
    public static T RunOne<T>(Func<T> body)
    {
        T result = default!;
        Run(1, _ => result = body());
        return result;
    }

    /// <summary>Runs <paramref name="body"/> on a new large-stack thread without blocking the caller.</summary>
    public static Task<T> RunAsync<T>(Func<T> body)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            t_large = true;
            try
            {
                completion.SetResult(body());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        }, VirtualMachine.RequiredStackSize) { IsBackground = true, Name = "evm-async" }.Start();
        return completion.Task;
    }
}
