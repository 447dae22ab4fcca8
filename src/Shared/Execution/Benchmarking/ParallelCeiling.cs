using System.Diagnostics;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Execution.Benchmarking;

/// <summary>
/// How much faster this machine runs N independent copies of a piece of work on N threads than one copy
/// on one thread, right now: the most any parallel mode could gain in the same sitting. On a shared or
/// virtual machine it is often well below N and changes from minute to minute, so <c>bench</c> measures
/// it between its runs and prints it beside the speed-ups. The work resembles block execution's: a
/// hash table of random keys filled and probed (memory traffic and cache misses), and keccak over a buffer.
/// </summary>
public static class ParallelCeiling
{
    private const int Keys = 60_000;
    private const int Probes = 300_000;

    private const int Rounds = 3;
    private static int _warmedUp;

    /// <summary>
    /// N × (time of one copy on one thread) ÷ (time of N copies on N threads), each time the best of a
    /// few alternating rounds: a round another process disturbed says less about the machine than the
    /// quietest one does.
    /// </summary>
    public static double Measure(int threads)
    {
        if (threads <= 1) return 1;
        LargeStackWorkerPool pool = LargeStackWorkerPool.Shared(threads);
        double one = double.MaxValue, all = double.MaxValue;
        // The first measurement in a process runs an untimed round first, so starting the pool's threads is in no timed round.
        for (int round = Interlocked.Exchange(ref _warmedUp, 1) == 0 ? -1 : 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            pool.Run(worker => { if (worker == 0) Work(worker); });
            double oneRound = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            pool.Run(Work);
            double allRound = clock.Elapsed.TotalMilliseconds;
            if (round < 0) continue;
            one = Math.Min(one, oneRound);
            all = Math.Min(all, allRound);
        }
        return all > 0 ? threads * one / all : 0;
    }

    /// <summary>One copy of the work; the seed makes every copy the same amount of it. Compiled optimized at once, never tiered mid-measurement.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Work(int seed)
    {
        // An open-addressing table written out here rather than a Dictionary: all of the kernel's code is
        // then this one optimized method, the same speed from the first round to the last.
        const int Slots = 1 << 17;
        var random = new Random(12345 + seed);
        var tableKeys = new ulong[Slots];
        var tableValues = new ulong[Slots];
        var keys = new ulong[Keys];
        for (int i = 0; i < keys.Length; i++)
        {
            ulong key = (ulong)random.NextInt64() | 1; // 0 marks a free slot
            keys[i] = key;
            int slot = (int)(key * 0x9E3779B97F4A7C15UL >> 47);
            while (tableKeys[slot] != 0 && tableKeys[slot] != key) slot = (slot + 1) & (Slots - 1);
            (tableKeys[slot], tableValues[slot]) = (key, (ulong)i);
        }
        ulong sum = 0;
        Span<byte> buffer = stackalloc byte[64];
        Span<byte> hash = stackalloc byte[32];
        for (int p = 0; p < Probes; p++)
        {
            ulong key = keys[random.Next(keys.Length)];
            int slot = (int)(key * 0x9E3779B97F4A7C15UL >> 47);
            while (tableKeys[slot] != key) slot = (slot + 1) & (Slots - 1);
            sum += tableValues[slot];
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
