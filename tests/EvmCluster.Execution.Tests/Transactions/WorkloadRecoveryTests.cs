using System.Diagnostics;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Transactions;
using EvmCluster.Tests.Shared;
using Xunit.Abstractions;

namespace EvmCluster.Execution.Tests.Transactions;

/// <summary>
/// The 10,000-transaction benchmark block: decode every raw transaction, recover every sender, compare with the
/// recorded senders, hashes and transactions root, and report the time per transaction.
/// </summary>
public sealed class WorkloadRecoveryTests(ITestOutputHelper output)
{
    private sealed record Workload(byte[][] Raw, Address[] Senders, Hash256[] Hashes, Hash256 TransactionsRoot, ulong ChainId);

    private static Workload Load(string name)
    {
        using JsonDocument block = JsonDocument.Parse(File.ReadAllBytes(TestData.Combine("workloads", name, "block.json")));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(TestData.Combine("workloads", name, "expected.json")));
        JsonElement[] txs = [.. block.RootElement.GetProperty("transactions").EnumerateArray()];
        return new Workload(
            [.. txs.Select(t => Hex.Decode(t.GetProperty("raw").GetString()!))],
            [.. txs.Select(t => Address.Parse(t.GetProperty("from").GetString()!))],
            [.. txs.Select(t => Hash256.Parse(t.GetProperty("hash").GetString()!))],
            Hash256.Parse(expected.RootElement.GetProperty("transactionsRoot").GetString()!),
            block.RootElement.GetProperty("header").GetProperty("chainId").GetUInt64());
    }

    private static RecoveredTransaction[] DecodeAndRecover(Workload w, int threads, out SignedTransaction[] decoded)
    {
        decoded = new SignedTransaction[w.Raw.Length];
        for (int i = 0; i < decoded.Length; i++) decoded[i] = TransactionCodec.Decode(w.Raw[i]);
        return SenderRecovery.Recover(decoded, Forks.Cancun, w.ChainId, threads);
    }

    [Theory]
    [InlineData("eth-transfer")]
    [InlineData("uniswap-1pair")]
    public void Every_sender_hash_and_the_root_match(string name)
    {
        Workload w = Load(name);
        RecoveredTransaction[] results = DecodeAndRecover(w, Environment.ProcessorCount, out SignedTransaction[] decoded);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].IsValid, results[i].Error);
            Assert.Equal(w.Senders[i], results[i].Transaction!.Sender);
            Assert.Equal(w.Hashes[i], results[i].Transaction!.Hash);
        }
        Assert.Equal(w.TransactionsRoot, BlockRoots.TransactionsRoot(decoded));
    }

    [Fact]
    public void Time_per_transaction_for_10000_transactions()
    {
        Workload w = Load("eth-transfer");
        Assert.Equal(10_000, w.Raw.Length);
        DecodeAndRecover(w, Environment.ProcessorCount, out _); // warm-up: JIT, native contexts

        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            double best = double.MaxValue, bestDecode = double.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                var sw = Stopwatch.StartNew();
                var decoded = new SignedTransaction[w.Raw.Length];
                for (int i = 0; i < decoded.Length; i++) decoded[i] = TransactionCodec.Decode(w.Raw[i]);
                double decode = sw.Elapsed.TotalMilliseconds;
                RecoveredTransaction[] results = SenderRecovery.Recover(decoded, Forks.Cancun, w.ChainId, threads);
                double total = sw.Elapsed.TotalMilliseconds;
                Assert.Equal(w.Senders[^1], results[^1].Transaction!.Sender);
                best = Math.Min(best, total);
                bestDecode = Math.Min(bestDecode, decode);
            }
            output.WriteLine($"{w.Raw.Length} transactions, {threads} thread(s): decode {bestDecode:F1} ms, decode+recover {best:F1} ms = {best * 1000 / w.Raw.Length:F2} µs per transaction");
        }
    }
}
