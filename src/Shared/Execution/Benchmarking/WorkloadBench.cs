using System.Diagnostics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Benchmarking;

/// <summary>One execution mode under measurement.</summary>
/// <param name="Reexecutions">Re-executions of the last run (parallel modes), or null.</param>
/// <param name="RecoveryInsideMs">
/// Sender recovery the processor repeated inside its last run (the cluster's coordinator recovers the
/// senders it is sent). It is left out of the run's time, as every mode's recovery is timed apart.
/// </param>
/// <param name="Prepare">Untimed set-up before each run on the fresh world (the cluster loads it).</param>
public sealed record BenchMode(string Name, int Threads, IBlockProcessor Processor, Func<long>? Reexecutions = null, int Workers = 0,
    Func<double>? RecoveryInsideMs = null, Action<BlockContext, WorldState>? Prepare = null);

/// <summary>
/// Measures one workload in one or more modes. After untimed warm-up runs of each mode (the JIT's
/// profile-guided tiers need a few blocks to settle), every
/// repetition runs each mode in turn (interleaved, so drift on a noisy machine hits all modes alike):
/// a fresh world state from genesis (trie hashed beforehand, untimed), sender recovery (timed apart),
/// then the block's execution and roots (timed). Every run is checked against expected.json.
/// </summary>
public static class WorkloadBench
{
    public static List<BenchResult> Run(Workload workload, IReadOnlyList<BenchMode> modes, int repeat, int warmup = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmup, 1);
        ReleaseSpec spec = Forks.Cancun;
        var block = new Block(workload.Header, workload.Transactions, [], null);
        BlockContext context = BlockContextFactory.From(workload.Header, spec, workload.ChainId, new BlockHashes());
        var executeMs = modes.Select(_ => new List<double>()).ToArray();
        var recoverMs = new List<double>();
        var last = new BlockResult?[modes.Count];
        var failures = new string?[modes.Count];
        var ceilings = modes.Select(_ => new List<double>()).ToArray();

        for (int run = 0; run < warmup + repeat; run++)
        {
            for (int m = 0; m < modes.Count; m++)
            {
                if (failures[m] is not null) continue;
                var world = new WorldState(workload.Genesis.Clone());
                Hash256 genesisRoot = world.StateRoot;
                if (genesisRoot != workload.Expected.GenesisStateRoot)
                {
                    failures[m] = $"genesis state root {genesisRoot}, expected {workload.Expected.GenesisStateRoot}";
                    continue;
                }
                modes[m].Prepare?.Invoke(context, world);
                GC.Collect();
                GC.WaitForPendingFinalizers();

                var clock = Stopwatch.StartNew();
                RecoveredTransaction[] recovered = SenderRecovery.Recover(workload.Transactions, spec, workload.ChainId, Environment.ProcessorCount);
                if (run >= warmup && m == 0) recoverMs.Add(clock.Elapsed.TotalMilliseconds);
                var transactions = new Transaction[recovered.Length];
                for (int i = 0; i < recovered.Length && failures[m] is null; i++)
                {
                    if (recovered[i].IsValid) transactions[i] = recovered[i].Transaction!;
                    else failures[m] = recovered[i].Error;
                }
                if (failures[m] is not null) continue;

                clock.Restart();
                try
                {
                    last[m] = modes[m].Processor.Process(context, block, transactions, world);
                }
                catch (InvalidBlockException e)
                {
                    failures[m] = e.Message;
                    continue;
                }
                if (run >= warmup) executeMs[m].Add(clock.Elapsed.TotalMilliseconds - (modes[m].RecoveryInsideMs?.Invoke() ?? 0));
                failures[m] = Verify(workload, last[m]!);
                // The machine's own scaling, measured right after the run it qualifies (in warm-up too, to compile it).
                if (modes[m].Threads > 1)
                {
                    double ceiling = ParallelCeiling.Measure(modes[m].Threads);
                    if (run >= warmup) ceilings[m].Add(ceiling);
                }
            }
        }

        double recover = Median(recoverMs);
        return modes.Select((mode, m) =>
        {
            double median = Median(executeMs[m]);
            long gas = last[m]?.GasUsed ?? 0;
            return new BenchResult
            {
                Workload = workload.Name, Mode = mode.Name, Threads = mode.Threads, Workers = mode.Workers, Txs = workload.Transactions.Count, Gas = gas,
                MedianMs = Math.Round(median, 3), RecoverMs = Math.Round(recover, 3),
                MgasPerS = median > 0 ? Math.Round(gas / median / 1000.0, 1) : 0,
                Tps = median > 0 ? Math.Round(workload.Transactions.Count / median * 1000.0, 0) : 0,
                Reexecutions = mode.Reexecutions?.Invoke() ?? 0,
                MachineScaling = ceilings[m].Count > 0 ? Math.Round(Median(ceilings[m]), 2) : 1,
                StateRoot = last[m]?.StateRoot.ToString() ?? "",
                Ok = failures[m] is null, Failure = failures[m],
            };
        }).ToList();
    }

    private static string? Verify(Workload workload, BlockResult result)
    {
        WorkloadExpectation e = workload.Expected;
        if (result.GasUsed != e.BlockGasUsed) return $"gas used {result.GasUsed}, expected {e.BlockGasUsed}";
        if (result.ReceiptsRoot != e.ReceiptsRoot) return $"receipts root {result.ReceiptsRoot}, expected {e.ReceiptsRoot}";
        if (!result.LogsBloom.Equals(e.LogsBloom)) return "logs bloom differs from expected";
        if (result.StateRoot != e.StateRoot) return $"state root {result.StateRoot}, expected {e.StateRoot}";
        return null;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
