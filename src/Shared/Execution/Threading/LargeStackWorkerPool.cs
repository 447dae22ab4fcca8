namespace EvmCluster.Execution.Threading;

/// <summary>
/// A fixed set of large-stack threads that run one job at a time: each worker runs the job's body
/// with its index, and <see cref="Run"/> returns when all have finished. Parallel block execution
/// reuses it for every block, so no block pays for starting threads. A caller that can run the body
/// itself takes index 0 and only the other workers are woken: waking a sleeping thread costs tens of
/// microseconds and, on a busy host, milliseconds, during which the caller is already working.
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

    /// <summary>
    /// Runs <paramref name="body"/>(worker index) for indices 0 … Count − 1, each on its own thread, and waits;
    /// rethrows the first failure. The calling thread runs index 0 unless the body needs a large stack and
    /// the caller lacks one (see <see cref="LargeStackThreads.OnLargeStack"/>).
    /// </summary>
    public void Run(Action<int> body, bool needsLargeStack = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Index 0 runs inside the lock; a job started from there would reset the running one's countdown.
        if (Monitor.IsEntered(_threads)) throw new InvalidOperationException("a job on this worker pool cannot start another job on the same pool");
        bool callerRuns = !needsLargeStack || LargeStackThreads.OnLargeStack;
        lock (_threads)
        {
            _body = body;
            _failure = null;
            _done.Reset(callerRuns ? _threads.Length - 1 : _threads.Length);
            for (int i = callerRuns ? 1 : 0; i < _start.Length; i++) _start[i].Release();
            if (callerRuns) RunOnCaller(body);
            _done.Wait();
            _body = null;
            if (_failure is not null) throw new AggregateException(_failure);
        }
    }

    /// <summary>Index 0 on the calling thread, marked as a pool thread meanwhile so loops nested in the body run inline.</summary>
    private void RunOnCaller(Action<int> body)
    {
        bool wasOnPool = t_onPoolThread;
        t_onPoolThread = true;
        try
        {
            body(0);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        finally
        {
            t_onPoolThread = wasOnPool;
        }
    }

    private void Loop(int index)
    {
        t_onPoolThread = true;
        LargeStackThreads.MarkLarge();
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
