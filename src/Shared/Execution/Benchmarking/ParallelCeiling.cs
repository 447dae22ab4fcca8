using System.Diagnostics;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Benchmarking;

/// <summary>
/// How much faster this machine runs N independent copies of a piece of work on N threads than one copy
/// on one thread, right now: the most any parallel mode could gain in the same sitting. On a shared or
/// virtual machine it is often well below N and changes from minute to minute, so <c>bench</c> measures
/// it between its runs and prints it beside the speed-ups. The work resembles block execution's: a
/// hash table of random keys filled and probed (allocation and cache misses), and keccak over a buffer.
/// </summary>
public static class ParallelCeiling
{
    private const int Keys = 60_000;
    private const int Probes = 300_000;

    /// <summary>N × (time of one copy on one thread) ÷ (time of N copies on N threads).</summary>
    public static double Measure(int threads)
    {
        if (threads <= 1) return 1;
        LargeStackWorkerPool pool = LargeStackWorkerPool.Shared(threads);
        var clock = Stopwatch.StartNew();
        pool.Run(worker => { if (worker == 0) Work(worker); });
        double one = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        pool.Run(Work);
        double all = clock.Elapsed.TotalMilliseconds;
        return all > 0 ? threads * one / all : 0;
    }

    /// <summary>One copy of the work; the seed makes every copy the same amount of it.</summary>
    private static void Work(int seed)
    {
        var random = new Random(12345 + seed);
        var table = new Dictionary<ulong, ulong>();
        var keys = new ulong[Keys];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (ulong)random.NextInt64();
            table[keys[i]] = (ulong)i;
        }
        ulong sum = 0;
        Span<byte> buffer = stackalloc byte[64];
        Span<byte> hash = stackalloc byte[32];
        for (int p = 0; p < Probes; p++)
        {
            ulong key = keys[random.Next(keys.Length)];
            if (table.TryGetValue(key, out ulong value)) sum += value;
            if ((p & 7) == 0)
            {
                BitConverter.TryWriteBytes(buffer, sum);
                Evm.Crypto.Keccak256.Compute(buffer, hash);
                sum ^= hash[0];
            }
        }
        GC.KeepAlive(sum);
    }
}
