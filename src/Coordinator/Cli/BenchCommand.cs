using System.Text.Json;
using EvmCluster.Execution.Benchmarking;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Threading;

namespace EvmCluster.Coordinator.Cli;

/// <summary>
/// <c>bench [--mode M] [--threads N] [--repeat K] [--json FILE] &lt;workload-dir&gt;...</c>: executes each
/// workload's block, verifies it against expected.json and prints median time, Mgas/s and tx/s.
/// </summary>
public static class BenchCommand
{
    public static int Run(CommandArguments args)
    {
        string mode = args.Get("mode") ?? "sequential";
        if (mode != "sequential") throw new UsageException($"unknown mode '{mode}' (available: sequential)");
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        int repeat = args.GetInt("repeat", 5);
        string? jsonPath = args.Get("json");
        args.EnsureAllUsed();
        if (args.Positional.Count == 0) throw new UsageException("give at least one workload folder");
        foreach (string dir in args.Positional)
            if (!Directory.Exists(dir)) throw new UsageException($"no such directory: {dir}");

        var results = new List<BenchResult>();
        Console.WriteLine($"{"workload",-22} {"mode",-10} {"txs",6} {"Mgas",8} {"median ms",10} {"recover ms",10} {"Mgas/s",8} {"tx/s",9}  result");
        foreach (string dir in args.Positional)
        {
            BenchResult result;
            try
            {
                Workload workload = WorkloadLoader.Load(dir);
                var processor = new BlockProcessor();
                result = LargeStackThreads.RunOne(() => WorkloadBench.Run(workload, mode, 1, repeat, processor.Process));
            }
            catch (FixtureException e)
            {
                result = new BenchResult { Workload = dir, Mode = mode, Ok = false, Failure = e.Message };
            }
            results.Add(result);
            Console.WriteLine($"{result.Workload,-22} {result.Mode,-10} {result.Txs,6} {result.Gas / 1e6,8:F1} {result.MedianMs,10:F1} {result.RecoverMs,10:F1} {result.MgasPerS,8:F0} {result.Tps,9:F0}  {(result.Ok ? "ok" : "MISMATCH: " + result.Failure)}");
        }
        if (jsonPath is not null)
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        return results.All(r => r.Ok) ? 0 : 1;
    }
}
