using System.Text.Json;
using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Coordinator.Cli;

/// <summary>
/// <c>bench [--mode M[,M…]] [--threads N] [--repeat K] [--warmup W] [--json FILE] &lt;workload-dir&gt;...</c>: executes each
/// workload's block in each mode (runs interleaved), verifies it against expected.json and prints
/// median time, Mgas/s, tx/s and, with several modes, each mode's speed relative to the first. For a mode
/// on several threads, <c>machine</c> is the machine's own speed-up on independent work in the same
/// sitting (<see cref="ParallelCeiling"/>): the ceiling that mode's speed-up is to be read against.
/// </summary>
public static class BenchCommand
{
    public static int Run(CommandArguments args)
    {
        string[] modeNames = (args.Get("mode") ?? ExecutionModes.Sequential).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (string m in modeNames) ExecutionModes.Validate(m);
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        int repeat = args.GetInt("repeat", 5);
        int warmup = args.GetInt("warmup", 3);
        if (repeat < 1) throw new UsageException("--repeat must be at least 1");
        if (warmup < 1) throw new UsageException("--warmup must be at least 1");
        string? jsonPath = args.Get("json");
        using ClusterSession? cluster = ClusterSession.FromArguments(args, modeNames.Contains(ExecutionModes.Cluster));
        args.EnsureAllUsed();
        if (args.Positional.Count == 0) throw new UsageException("give at least one workload folder");
        foreach (string dir in args.Positional)
            if (!Directory.Exists(dir)) throw new UsageException($"no such directory: {dir}");

        var results = new List<BenchResult>();
        Console.WriteLine($"{"workload",-22} {"mode",-10} {"thr",3} {"txs",6} {"Mgas",8} {"median ms",10} {"recover ms",10} {"Mgas/s",8} {"tx/s",9} {"re-exec",7} {"speed",6} {"machine",7}  result");
        foreach (string dir in args.Positional)
        {
            List<BenchResult> rows;
            try
            {
                Workload workload = WorkloadLoader.Load(dir);
                List<BenchMode> modes = modeNames.Select(name => CreateMode(name, threads, cluster)).ToList();
                rows = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, modes, repeat, warmup));
                foreach (BenchMode mode in modes)
                    if (mode.Processor is ClusterBlockProcessor { LastStatistics: { } s })
                        Console.WriteLine($"  cluster, last run: {s.Batches} batches on {s.Workers} workers, {s.Messages} messages ({s.MessageBytes / 1048576.0:F1} MiB), " +
                            $"re-executed {s.Reexecuted} of {s.Transactions} ({(s.Transactions == 0 ? 0 : 100.0 * s.Reexecuted / s.Transactions):F1}%), remote reads {s.RemoteReads}; " +
                            $"admit {s.AdmitMs:F0} ms (recover {s.RecoverMs:F0}), plan {s.PlanMs:F0}, execute {s.ExecuteMs:F0} (slowest worker {s.WorkerMs:F0}, its prefetch and decoding {s.WorkerPrefetchMs:F0}), " +
                            $"validate {s.ValidateMs:F0}, commit {s.CommitMs:F0} (stage {s.StageMs:F0}), total at coordinator {s.TotalMs:F0}");
            }
            catch (FixtureException e)
            {
                rows = [new BenchResult { Workload = dir, Mode = string.Join(",", modeNames), Ok = false, Failure = e.Message }];
            }
            foreach (BenchResult r in rows)
            {
                double speed = r.MedianMs > 0 && rows[0].MedianMs > 0 ? rows[0].MedianMs / r.MedianMs : 0;
                Console.WriteLine($"{r.Workload,-22} {r.Mode,-10} {r.Threads,3} {r.Txs,6} {r.Gas / 1e6,8:F1} {r.MedianMs,10:F1} {r.RecoverMs,10:F1} {r.MgasPerS,8:F0} {r.Tps,9:F0} {r.Reexecutions,7} {speed,5:F2}x {(r.Threads > 1 ? $"{r.MachineScaling:F2}x" : "-"),7}  {(r.Ok ? "ok" : "MISMATCH: " + r.Failure)}");
            }
            results.AddRange(rows);
        }
        if (jsonPath is not null)
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        return results.All(r => r.Ok) ? 0 : 1;
    }

    private static BenchMode CreateMode(string name, int threads, ClusterSession? cluster)
    {
        // The cluster commits each run's block; the genesis state is loaded again, untimed, before the next run.
        IBlockProcessor processor = ExecutionModes.Create(name, threads, cluster, mirror: false);
        return processor switch
        {
            ParallelBlockProcessor parallel => new BenchMode(name, threads, parallel, () => parallel.LastStatistics.Reexecutions),
            ClusterBlockProcessor remote => new BenchMode(name, threads, remote, () => remote.LastStatistics?.Reexecuted ?? 0, cluster!.Workers,
                () => remote.LastStatistics?.RecoverMs ?? 0, remote.Prepare),
            _ => new BenchMode(name, 1, processor),
        };
    }
}
