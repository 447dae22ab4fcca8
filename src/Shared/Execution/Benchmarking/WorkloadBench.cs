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

/// <summary>
/// Measures one workload: per run, a fresh world state from genesis (trie hashed beforehand, untimed),
/// sender recovery (timed apart), then the block's execution and roots (timed). Every run is checked
/// against expected.json; the result carries the medians.
/// </summary>
public static class WorkloadBench
{
    /// <summary>Executes one block on <paramref name="world"/> in some mode and returns its result with roots.</summary>
    public delegate BlockResult BlockRunner(BlockContext context, Block block, IReadOnlyList<Transaction> transactions, WorldState world);

    public static BenchResult Run(Workload workload, string mode, int threads, int repeat, BlockRunner runner)
    {
        ReleaseSpec spec = Forks.Cancun;
        var block = new Block(workload.Header, workload.Transactions, [], null);
        BlockContext context = BlockContextFactory.From(workload.Header, spec, workload.ChainId, new BlockHashes());
        var executeMs = new List<double>();
        var recoverMs = new List<double>();
        BlockResult? last = null;
        string? failure = null;
        long gas = 0;

        // Run 0 warms the JIT (tiered compilation) and is not timed; runs 1..repeat are.
        for (int run = 0; run <= repeat && failure is null; run++)
        {
            var world = new WorldState(workload.Genesis.Clone());
            Hash256 genesisRoot = world.StateRoot;
            if (genesisRoot != workload.Expected.GenesisStateRoot)
            {
                failure = $"genesis state root {genesisRoot}, expected {workload.Expected.GenesisStateRoot}";
                break;
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var clock = Stopwatch.StartNew();
            RecoveredTransaction[] recovered = SenderRecovery.Recover(workload.Transactions, spec, workload.ChainId, Environment.ProcessorCount);
            if (run > 0) recoverMs.Add(clock.Elapsed.TotalMilliseconds);
            var transactions = new Transaction[recovered.Length];
            for (int i = 0; i < recovered.Length && failure is null; i++)
            {
                if (recovered[i].IsValid) transactions[i] = recovered[i].Transaction!;
                else failure = recovered[i].Error;
            }
            if (failure is not null) break;

            clock.Restart();
            try
            {
                last = runner(context, block, transactions, world);
            }
            catch (InvalidBlockException e)
            {
                failure = e.Message;
                break;
            }
            if (run > 0) executeMs.Add(clock.Elapsed.TotalMilliseconds);
            gas = last.GasUsed;
            failure = Verify(workload, last);
        }

        double median = Median(executeMs);
        return new BenchResult
        {
            Workload = workload.Name, Mode = mode, Threads = threads, Txs = workload.Transactions.Count, Gas = gas,
            MedianMs = Math.Round(median, 3), RecoverMs = Math.Round(Median(recoverMs), 3),
            MgasPerS = median > 0 ? Math.Round(gas / median / 1000.0, 1) : 0,
            Tps = median > 0 ? Math.Round(workload.Transactions.Count / median * 1000.0, 0) : 0,
            StateRoot = last?.StateRoot.ToString() ?? "",
            Ok = failure is null, Failure = failure,
        };
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
