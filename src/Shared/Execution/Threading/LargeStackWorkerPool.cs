namespace EvmCluster.Execution.Threading;

/// <summary>
/// A fixed set of large-stack threads that run one job at a time: each worker runs the job's body
/// with its index, and <see cref="Run"/> returns when all have finished. Parallel block execution
/// reuses it for every block, so no block pays for starting threads.
/// </summary>
public sealed class LargeStackWorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private Action<int>? _body;
    private Exception? _failure;
    private volatile bool _disposed;

    public LargeStackWorkerPool(int count)
    {
        _threads = new Thread[count];
        _start = new SemaphoreSlim[count];
        _done = new CountdownEvent(count);
        for (int i = 0; i < count; i++)
        {
            int index = i;
            _start[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(() => Loop(index), Evm.Interpreter.VirtualMachine.RequiredStackSize)
            {
                IsBackground = true, Name = $"evm-pool-{i}",
            };
            _threads[i].Start();
        }
    }

    private static readonly Dictionary<int, LargeStackWorkerPool> SharedPools = [];

    /// <summary>The process-wide pool of <paramref name="count"/> workers (jobs on it run one at a time).</summary>
    public static LargeStackWorkerPool Shared(int count)
    {
        lock (SharedPools)
        {
            if (!SharedPools.TryGetValue(count, out LargeStackWorkerPool? pool)) SharedPools[count] = pool = new LargeStackWorkerPool(count);
            return pool;
        }
    }

    public int Count => _threads.Length;

    [ThreadStatic]
    private static bool t_onPoolThread;

    /// <summary>Whether the current thread is a worker of some pool (running a job).</summary>
    public static bool OnPoolThread => t_onPoolThread;

    /// <summary>Runs <paramref name="body"/>(worker index) on every worker and waits; rethrows the first failure.</summary>
    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_threads)
        {
            _body = body;
            _failure = null;
            _done.Reset();
            foreach (SemaphoreSlim s in _start) s.Release();
            _done.Wait();
            _body = null;
            if (_failure is not null) throw new AggregateException(_failure);
        }
    }

    private void Loop(int index)
    {
        t_onPoolThread = true;
        while (true)
        {
            _start[index].Wait();
            if (_disposed) return;
            try
            {
                _body!(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (SemaphoreSlim s in _start) s.Release();
    }
}
