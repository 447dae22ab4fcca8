using System.Diagnostics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Distributed;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Threading;
using EvmCluster.Execution.Transactions;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using Block = EvmCluster.Execution.Blocks.Block;
using StatusCode = Grpc.Core.StatusCode;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// One block through the cluster (DESIGN §6): admit, plan, dispatch one batch per worker, validate
/// and repair in block order, stage the final writes on their shards, compose the state root from
/// the shards' subtrees, then commit or drop the staged writes everywhere.
/// </summary>
public sealed class BlockPipeline(ChainState chain, ShardGateway gateway, int workerThreads)
{
    private readonly OrderedCommitter _committer = new();
    private readonly BatchDispatch _dispatch = new(chain, workerThreads);

    public async Task<ExecuteBlockReply> ExecuteAsync(ExecuteBlockRequest request)
    {
        if (!chain.Loaded) throw new ClusterRequestException(StatusCode.FailedPrecondition, "no state is loaded: call LoadState first");
        var total = Stopwatch.StartNew();
        gateway.ResetCounters();
        using Activity? blockSpan = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.BlockExecute, ActivityKind.Server);
        var stats = new BlockStatistics();

        // Admit.
        var clock = Stopwatch.StartNew();
        Block block = BlockAdmission.Decode(request);
        BlockHeader header = block.Header;
        Hash256 blockId = BlockAdmission.IdOf(header);
        blockSpan?.SetTag("block.number", header.Number);
        blockSpan?.SetTag("block.transactions", block.Transactions.Count);
        foreach (var entry in request.BlockHashes) chain.AddHash((long)entry.Number, Values.ToHash(entry.Hash, "block_hashes.hash"));
        ReleaseSpec spec = chain.Schedule.For(header.Number, header.Timestamp);
        if (request.VerifyHeader && BlockBodyValidator.Validate(block) is { } invalidBody) throw new ClusterRequestException(StatusCode.InvalidArgument, invalidBody);
        var recovery = Stopwatch.StartNew();
        Transaction[] transactions = Recover(block, spec);
        stats.RecoverMs = recovery.Elapsed.TotalMilliseconds;
        BlockContext context = BlockContextFactory.From(header, spec, chain.ChainId, chain);
        var environment = EnvironmentMapping.ToProto(header, chain.ScheduleName, chain.ChainId, chain.HashesBefore(header.Number));

        // Plan and dispatch (before Byzantium everything runs at the coordinator: receipts need a state root per transaction).
        var preState = new CoordinatorPreState(gateway, chain.Epoch, chain.Code, chain.NodeOf, ClusterTelemetry.Capture(blockSpan));
        var outcomes = new SpeculativeOutcome?[transactions.Length];
        stats.AdmitMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        if (spec.IsEip658Enabled && transactions.Length > 0)
        {
            IReadOnlyList<string> workers = chain.Workers;
            int[] plan;
            PredictedCell[][] predicted;
            using (ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Plan))
            {
                var workerIndex = workers.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
                predicted = chain.Planner.PredictAll(transactions, Environment.ProcessorCount);
                plan = chain.Planner.Plan(transactions, predicted, workers.Count, a => workerIndex[chain.Placement[ShardKeys.ShardOf(a)]!]);
            }
            stats.PlanMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            using (Activity? dispatch = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Dispatch))
            {
                List<ExecuteBatch> batches = _dispatch.Build(block, transactions, plan, predicted, workers.Count, environment, dispatch);
                var sent = batches.Select((b, w) => (Worker: workers[w], Batch: b)).Where(x => x.Batch.Transactions.Count > 0).ToList();
                dispatch?.SetTag("batches", sent.Count);
                // Each reply is read as soon as it arrives (batches fill disjoint outcome slots), while slower workers still run.
                BatchExecuted[] replies = await Task.WhenAll(sent.Select(async x =>
                {
                    // Encoded and decoded here, batches side by side (see ExecuteBatchFrame).
                    var frame = await Task.Run(() => new ExecuteBatchFrame { Batch = x.Batch.ToByteString() });
                    BatchExecutedFrame replyFrame = await gateway.AskWorker<BatchExecutedFrame>(x.Worker, frame);
                    return await Task.Run(() =>
                    {
                        BatchExecuted reply = BatchDispatch.Decode(replyFrame, x.Worker);
                        if (reply.Error.Length == 0) BatchDispatch.ReadOutcomes(reply, outcomes, preState.Known);
                        return reply;
                    });
                }));
                foreach (BatchExecuted reply in replies)
                {
                    if (reply.Error.Length > 0) throw new ClusterRequestException(StatusCode.Internal, reply.Error);
                    stats.WorkerReexecutions += reply.Reexecutions;
                    stats.RemoteReads += reply.RemoteReads;
                    if (reply.ExecuteMs > stats.WorkerMs) (stats.WorkerMs, stats.WorkerPrefetchMs) = (reply.ExecuteMs, reply.PrefetchMs);
                }
                stats.Batches = (uint)sent.Count;
                stats.Workers = (uint)workers.Count;
            }
        }
        stats.ExecuteMs = clock.Elapsed.TotalMilliseconds;

        // Validate and repair in block order, on a thread with the EVM's stack.
        clock.Restart();
        var staged = new Dictionary<int, Execution.Trie.TrieSubtree>();
        BlockResult result;
        Activity? validate = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Validate);
        try
        {
            result = await LargeStackThreads.RunAsync(() => _committer.Commit(context, header, transactions, block.Uncles, block.Withdrawals,
                preState, outcomes, k => StartReexecution(validate, k),
                writes => StageAsync(blockId, writes, staged, validate).GetAwaiter().GetResult(), Environment.ProcessorCount));
        }
        catch (InvalidBlockException e)
        {
            await FinishAsync(blockId, staged, commit: false);
            throw new ClusterRequestException(StatusCode.InvalidArgument, e.Message);
        }
        finally
        {
            validate?.Dispose();
        }
        stats.ValidateMs = clock.Elapsed.TotalMilliseconds;
        CommitStatistics committed = _committer.LastStatistics;
        stats.Transactions = (uint)committed.Transactions;
        stats.Reexecuted = (uint)committed.Reexecuted;
        stats.InvalidOnWorker = (uint)committed.InvalidOnWorker;
        stats.StaleAccountReads = (uint)committed.StaleAccount;
        stats.StaleStorageReads = (uint)committed.StaleStorage;
        stats.StalePresenceReads = (uint)committed.StalePresence;
        stats.FeeRecipientReads = (uint)committed.FeeRecipientReads;
        stats.CoordinatorReads = (ulong)preState.Fetches;

        // Commit: stage, compose the root, check, then keep or drop everywhere.
        clock.Restart();
        Hash256 stateRoot;
        using (ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Commit))
        {
            stateRoot = await StageAsync(blockId, result.Changes, staged, Activity.Current);
            stats.StageMs = clock.Elapsed.TotalMilliseconds;
            result = result with { StateRoot = stateRoot };
            string? mismatch = request.VerifyHeader ? BlockResultComparer.Compare(header, result) : null;
            bool keep = mismatch is null && !request.DryRun;
            await FinishAsync(blockId, staged, keep);
            if (mismatch is not null) throw new ClusterRequestException(StatusCode.FailedPrecondition, $"block {header.Number} rejected: {mismatch}");
            if (keep) await AfterCommitAsync(header, blockId, result);
        }
        stats.CommitMs = clock.Elapsed.TotalMilliseconds;
        chain.Planner.LearnInBackground(transactions, outcomes);

        stats.Messages = (uint)gateway.Messages;
        stats.MessageBytes = (ulong)gateway.Bytes;
        stats.TotalMs = total.Elapsed.TotalMilliseconds;
        BlockReply.Record(stats, result, total.Elapsed.TotalSeconds);
        return BlockReply.From(header, blockId, result, stats, committed: !request.DryRun, receipts: !request.OmitReceipts);
    }

    private Transaction[] Recover(Block block, ReleaseSpec spec)
    {
        RecoveredTransaction[] recovered = SenderRecovery.Recover(block.Transactions, spec, chain.ChainId, Environment.ProcessorCount);
        var transactions = new Transaction[recovered.Length];
        for (int i = 0; i < recovered.Length; i++)
            transactions[i] = recovered[i].Transaction ?? throw new ClusterRequestException(StatusCode.InvalidArgument, recovered[i].Error!);
        return transactions;
    }

    private static IDisposable? StartReexecution(Activity? parent, int index)
    {
        Activity? span = parent is null ? null : ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Reexecute, ActivityKind.Internal, parent.Context);
        span?.SetTag("transaction.index", index);
        return span;
    }

    /// <summary>Stages the block's writes so far on every shard they touch and returns the composed root.</summary>
    private async Task<Hash256> StageAsync(Hash256 blockHash, BlockState writes, Dictionary<int, Execution.Trie.TrieSubtree> staged, Activity? parent)
    {
        Dictionary<int, StageWrites> byShard = ShardWrites.Split(writes, chain.Epoch, blockHash);
        using Activity? span = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.StateRoot, ActivityKind.Internal, parent?.Context ?? default);
        TraceContext? trace = ClusterTelemetry.Capture(span);
        foreach (StageWrites message in byShard.Values) message.Trace = trace;
        // Largest first: a worker's shards stage side by side, so a hot contract's shard should not start last.
        List<IShardMessage> largestFirst = [.. byShard.Values.OrderByDescending(ShardWrites.Size)];
        Staged[] replies = await gateway.AskShards<Staged>(largestFirst, chain.NodeOf, trace);
        var subtrees = (Execution.Trie.TrieSubtree[])chain.Subtrees.Clone();
        foreach (Staged reply in replies) staged[(int)reply.Shard] = StateMapping.FromProto(reply.Subtree);
        foreach (var (shard, subtree) in staged) subtrees[shard] = subtree;
        span?.SetTag("shards", byShard.Count);
        return Execution.Trie.TrieComposer.ComposeRoot(Enumerable.Range(0, subtrees.Length).ToDictionary(s => s, s => subtrees[s]), ShardKeys.PrefixNibbles);
    }

    private async Task FinishAsync(Hash256 blockHash, Dictionary<int, Execution.Trie.TrieSubtree> staged, bool commit)
    {
        TraceContext? trace = ClusterTelemetry.Capture(Activity.Current);
        await gateway.AskShards<StagedFinished>(staged.Keys.Select(s => (IShardMessage)new FinishStaged
        {
            Shard = (uint)s, Epoch = chain.Epoch, BlockHash = Values.Bytes(blockHash), Commit = commit, Trace = trace,
        }).ToList(), chain.NodeOf, trace);
        // A commit keeps the subtrees reported at staging; a drop leaves every subtree as it was.
        if (commit)
            foreach (var (shard, subtree) in staged) chain.Subtrees[shard] = subtree;
    }


    private async Task AfterCommitAsync(BlockHeader header, Hash256 blockId, BlockResult result)
    {
        chain.StateRoot = result.StateRoot;
        chain.LastNumber = header.Number;
        chain.LastHash = blockId;
        chain.AddHash(header.Number, blockId);
        chain.BlocksExecuted++;
        if (result.Changes.Code.Count == 0) return;
        var store = new StoreCode { Epoch = chain.Epoch, Trace = ClusterTelemetry.Capture(Activity.Current) };
        foreach (var (hash, code) in result.Changes.Code)
        {
            chain.Code[hash] = code;
            store.Code.Add(Values.Bytes(code));
        }
        await Task.WhenAll(chain.Workers.Select(w => gateway.AskWorker<CodeStored>(w, store)));
    }
}
