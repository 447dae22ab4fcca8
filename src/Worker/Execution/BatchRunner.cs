using System.Diagnostics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Distributed;
using EvmCluster.Execution.Parallel;
using EvmCluster.Execution.Transactions;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Shards;
using Google.Protobuf;

namespace EvmCluster.Worker.Execution;

/// <summary>Runs one <see cref="ExecuteBatch"/>: prefetch, Block-STM over the sharded pre-state, outcomes back.</summary>
public static class BatchRunner
{
    /// <summary>Decodes the framed batch, runs it, and frames the reply, all off the actor and the remoting threads.</summary>
    public static Task<BatchExecutedFrame> RunFrameAsync(ExecuteBatchFrame frame, LocalNode node, IRemoteShards remote, string nodeAddress) => Task.Run(async () =>
    {
        ExecuteBatch batch;
        try
        {
            batch = ExecuteBatch.Parser.ParseFrom(frame.Batch);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Frame(new BatchExecuted { Node = nodeAddress, Error = $"worker {nodeAddress}: the batch cannot be decoded: {e.Message}" });
        }
        return Frame(await RunAsync(batch, node, remote, nodeAddress));
    });

    private static BatchExecutedFrame Frame(BatchExecuted reply) => new() { Reply = reply.ToByteString() };

    public static async Task<BatchExecuted> RunAsync(ExecuteBatch batch, LocalNode node, IRemoteShards remote, string nodeAddress)
    {
        using Activity? span = ClusterTelemetry.StartChild(ClusterTelemetry.Spans.ShardExecute, batch.Trace);
        span?.SetTag("worker", nodeAddress);
        span?.SetTag("transactions", batch.Transactions.Count);
        var clock = Stopwatch.StartNew();
        var reply = new BatchExecuted { RequestId = batch.RequestId, Node = nodeAddress };
        try
        {
            if (batch.Environment is null) throw new ProtocolException("batch.environment is missing");
            BlockContext context = EnvironmentMapping.ToContext(batch.Environment, out BlockHeader header);
            var preState = new ShardedPreState(node, batch.Epoch, remote, NodeOf(batch), ClusterTelemetry.Capture(span));
            // The remote reads are under way while the transactions are decoded.
            Address[] senders = batch.Transactions.Select(SenderOf).ToArray();
            Task prefetch = preState.PrefetchAsync(senders.Concat(batch.PrefetchAccounts.Select(a => Values.ToAddress(a, "prefetch.account"))),
                batch.PrefetchStorage.SelectMany(StateMapping.FromProto));
            var transactions = new Transaction[senders.Length];
            for (int i = 0; i < transactions.Length; i++)
                transactions[i] = TransactionCodec.Decode(batch.Transactions[i].Raw.Span).ToTransaction(senders[i]);
            await prefetch;
            reply.PrefetchMs = clock.Elapsed.TotalMilliseconds;

            var options = new ParallelExecutionOptions { Threads = batch.Threads > 0 ? (int)batch.Threads : Environment.ProcessorCount, SmallBlockThreshold = 1 };
            ParallelStatistics stats = new();
            SpeculativeOutcome[] outcomes = await Task.Run(() => BatchExecutor.Execute(context, header, transactions, preState, options, out stats));
            reply.Reexecutions = (uint)stats.Reexecutions;
            var writer = new OutcomeWriter(reply, preState.Known);
            for (int i = 0; i < outcomes.Length; i++) writer.Add((int)batch.Transactions[i].Index, outcomes[i]);
            writer.Finish();
            reply.RemoteReads = (ulong)preState.RemoteReads;
            span?.SetTag("remote_reads", preState.RemoteReads);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reply.Error = $"worker {nodeAddress}: {Describe(e)}";
            span?.SetStatus(ActivityStatusCode.Error, reply.Error);
        }
        reply.ExecuteMs = clock.Elapsed.TotalMilliseconds;
        return reply;
    }

    /// <summary>A transaction's recovered sender; the field is named (with the transaction's index) only when it is malformed.</summary>
    private static Address SenderOf(BatchTransaction tx) =>
        tx.Sender.Length == Address.Size ? new Address(tx.Sender.Span) : Values.ToAddress(tx.Sender, $"transaction {tx.Index}.sender");

    /// <summary>The node hosting each shard as the batch names it (null where it does not).</summary>
    private static Func<int, string?> NodeOf(ExecuteBatch batch)
    {
        byte[] index = batch.ShardNodes.ToByteArray();
        return shard => shard < index.Length && index[shard] < batch.Nodes.Count ? batch.Nodes[index[shard]] : null;
    }

    private static string Describe(Exception e) => e is InvalidOperationException { InnerException: { } inner } ? $"{e.Message}: {inner.Message}" : e.Message;
}
