using System.Text.Json;
using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Blocks;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Cluster.Tests;

/// <summary>One block's trace: coordinator spans plus a shard.execute span from every worker that ran a batch, correctly parented.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TraceTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_block_trace_has_coordinator_and_worker_spans_correctly_parented()
    {
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", "eth-transfer"));
        await cluster.Client.LoadStateAsync(workload.Genesis, "Cancun", (ulong)workload.ChainId);
        ExecuteBlockReply reply = await cluster.Client.ExecuteAsync(new Block(workload.Header, workload.Transactions, [], null), null, dryRun: true, verifyHeader: false);
        Assert.True(reply.Statistics.Batches >= 2, $"distinct senders and recipients should spread over workers, got {reply.Statistics.Batches} batch(es)");

        // Workers export on their own schedule: wait for the batches' spans and for as many finished shards as staged ones.
        List<SpanRecord> spans = await WaitForSpansAsync(all =>
        {
            List<SpanRecord> last = LatestBlockTrace(all);
            return last.Count(s => s.Name == ClusterTelemetry.Spans.ShardExecute) >= reply.Statistics.Batches &&
                last.Count(s => s.Name == "shard.stage") > 0 && last.Count(s => s.Name == "shard.finish") >= last.Count(s => s.Name == "shard.stage");
        });
        SpanRecord block = spans.Where(s => s.Name == ClusterTelemetry.Spans.BlockExecute).OrderBy(s => s.StartUtc).Last();
        List<SpanRecord> trace = spans.Where(s => s.TraceId == block.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId);

        SpanRecord dispatch = Assert.Single(trace, s => s.Name == ClusterTelemetry.Spans.Dispatch);
        Assert.Equal(block.SpanId, dispatch.ParentSpanId);
        foreach (string name in new[] { ClusterTelemetry.Spans.Plan, ClusterTelemetry.Spans.Validate, ClusterTelemetry.Spans.Commit })
            Assert.Equal(block.SpanId, Assert.Single(trace, s => s.Name == name).ParentSpanId);
        Assert.Contains(trace, s => s.Name == ClusterTelemetry.Spans.StateRoot && byId.TryGetValue(s.ParentSpanId ?? "", out var parent) && parent.Name == ClusterTelemetry.Spans.Commit);

        List<SpanRecord> shardSpans = trace.Where(s => s.Name == ClusterTelemetry.Spans.ShardExecute).ToList();
        Assert.Equal((int)reply.Statistics.Batches, shardSpans.Count);
        Assert.All(shardSpans, s =>
        {
            Assert.Equal(dispatch.SpanId, s.ParentSpanId);
            Assert.Equal("evmcluster-worker", s.Service);
        });
        Assert.Equal(shardSpans.Count, shardSpans.Select(s => s.Tags["worker"]).Distinct().Count());
        // Staging and finishing reach every shard entity the block wrote, in bundles per node: each entity's span
        // is on a worker, under the coordinator's state-root (staging) or commit (finishing) span.
        List<SpanRecord> staged = trace.Where(s => s.Name == "shard.stage").ToList();
        List<SpanRecord> finished = trace.Where(s => s.Name == "shard.finish").ToList();
        Assert.NotEmpty(staged);
        Assert.Equal(staged.Count, finished.Count);
        Assert.All(staged, s => Assert.Equal(ClusterTelemetry.Spans.StateRoot, byId[s.ParentSpanId!].Name));
        Assert.All(finished, s => Assert.Equal(ClusterTelemetry.Spans.Commit, byId[s.ParentSpanId!].Name));
        Assert.All(trace.Where(s => s.Name.StartsWith("shard.", StringComparison.Ordinal)), s => Assert.Equal("evmcluster-worker", s.Service));
        Assert.All(trace.Where(s => !s.Name.StartsWith("shard.", StringComparison.Ordinal)), s => Assert.Equal("evmcluster-coordinator", s.Service));
    }

    private static List<SpanRecord> LatestBlockTrace(List<SpanRecord> all)
    {
        SpanRecord? block = all.Where(s => s.Name == ClusterTelemetry.Spans.BlockExecute).OrderBy(s => s.StartUtc).LastOrDefault();
        return block is null ? [] : all.Where(s => s.TraceId == block.TraceId).ToList();
    }

    private async Task<List<SpanRecord>> WaitForSpansAsync(Func<List<SpanRecord>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            List<SpanRecord> spans = ReadSpans();
            if (complete(spans) || DateTime.UtcNow > deadline) return spans;
            await Task.Delay(200);
        }
    }

    private List<SpanRecord> ReadSpans()
    {
        var spans = new List<SpanRecord>();
        foreach (string file in Directory.GetFiles(cluster.TraceDirectory, "*.jsonl"))
        {
            string[] lines;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (string line in lines)
            {
                try
                {
                    spans.Add(JsonSerializer.Deserialize<SpanRecord>(line)!);
                }
                catch (JsonException)
                {
                    // A line still being written.
                }
            }
        }
        return spans;
    }
}
