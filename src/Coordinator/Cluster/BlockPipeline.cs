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

    public async Task<ExecuteBlockReply> ExecuteAsync(ExecuteBlockRequest request)
    {
        if (!chain.Loaded) throw new ClusterRequestException(StatusCode.FailedPrecondition, "no state is loaded: call LoadState first");
        var total = Stopwatch.StartNew();
        gateway.ResetCounters();
        using Activity? blockSpan = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.BlockExecute, ActivityKind.Server);
        var stats = new BlockStatistics();

        // Admit.
        var clock = Stopwatch.StartNew();
        Block block = Decode(request);
        BlockHeader header = block.Header;
        Hash256 blockId = IdOf(header);
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
        var preState = new CoordinatorPreState(gateway, chain.Epoch, chain.Code, NodeOf, ClusterTelemetry.Capture(blockSpan));
        var outcomes = new SpeculativeOutcome?[transactions.Length];
        stats.AdmitMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        if (spec.IsEip658Enabled && transactions.Length > 0)
        {
            IReadOnlyList<string> workers = chain.Workers;
            int[] plan;
            using (ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Plan))
            {
                var workerIndex = workers.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
                plan = chain.Planner.Plan(transactions, workers.Count, a => workerIndex[chain.Placement[ShardKeys.ShardOf(a)]!]);
            }
            stats.PlanMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            using (Activity? dispatch = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.Dispatch))
            {
                List<ExecuteBatch> batches = BuildBatches(block, transactions, plan, workers.Count, environment, dispatch);
                var sent = batches.Select((b, w) => (Worker: workers[w], Batch: b)).Where(x => x.Batch.Transactions.Count > 0).ToList();
                dispatch?.SetTag("batches", sent.Count);
                // Each reply is read as soon as it arrives (batches fill disjoint outcome slots), while slower workers still run.
                BatchExecuted[] replies = await Task.WhenAll(sent.Select(async x =>
                {
                    BatchExecuted reply = await gateway.AskWorker<BatchExecuted>(x.Worker, x.Batch);
                    if (reply.Error.Length == 0) await Task.Run(() => ReadOutcomes(reply, outcomes, preState.Known));
                    return reply;
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
                writes => StageAsync(blockId, writes, staged, validate).GetAwaiter().GetResult()));
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
        chain.Planner.Learn(transactions, outcomes);

        stats.Messages = (uint)gateway.Messages;
        stats.MessageBytes = (ulong)gateway.Bytes;
        stats.TotalMs = total.Elapsed.TotalMilliseconds;
        Record(stats, result, total.Elapsed.TotalSeconds);
        return Reply(header, blockId, result, stats, committed: !request.DryRun, receipts: !request.OmitReceipts);
    }

    /// <summary>The header's hash; a header the RLP rules cannot encode (fork fields missing) is named by the hash of its fields.</summary>
    private static Hash256 IdOf(BlockHeader header)
    {
        try
        {
            return header.Hash;
        }
        catch (InvalidOperationException)
        {
            return Evm.Crypto.Keccak256.Compute(BlockMapping.ToProto(header).ToByteArray());
        }
    }

    private Block Decode(ExecuteBlockRequest request)
    {
        try
        {
            switch (request.BlockCase)
            {
                case ExecuteBlockRequest.BlockOneofCase.BlockRlp:
                    return BlockCodec.Decode(request.BlockRlp.Span);
                case ExecuteBlockRequest.BlockOneofCase.Body:
                    BlockBody body = request.Body;
                    BlockHeader header = BlockMapping.FromProto(body.Header ?? throw new ProtocolException("body.header is missing"));
                    var txs = body.Transactions.Select((raw, i) => DecodeTransaction(raw, i)).ToList();
                    IReadOnlyList<Execution.Blocks.Withdrawal>? withdrawals = body.HasWithdrawals || body.Withdrawals.Count > 0
                        ? body.Withdrawals.Select(BlockMapping.FromProto).ToList() : null;
                    return new Block(header, txs, [], withdrawals);
                default:
                    throw new ProtocolException("the request carries no block: set block_rlp or body");
            }
        }
        catch (Exception e) when (e is ProtocolException or Execution.Rlp.RlpException)
        {
            throw new ClusterRequestException(StatusCode.InvalidArgument, $"bad block: {e.Message}");
        }
    }

    private static SignedTransaction DecodeTransaction(ByteString raw, int index)
    {
        try
        {
            return TransactionCodec.Decode(raw.Span);
        }
        catch (Execution.Rlp.RlpException e)
        {
            throw new ProtocolException($"transaction {index}: {e.Message}");
        }
    }

    private Transaction[] Recover(Block block, ReleaseSpec spec)
    {
        RecoveredTransaction[] recovered = SenderRecovery.Recover(block.Transactions, spec, chain.ChainId, Environment.ProcessorCount);
        var transactions = new Transaction[recovered.Length];
        for (int i = 0; i < recovered.Length; i++)
            transactions[i] = recovered[i].Transaction ?? throw new ClusterRequestException(StatusCode.InvalidArgument, recovered[i].Error!);
        return transactions;
    }

    private List<ExecuteBatch> BuildBatches(Block block, Transaction[] transactions, int[] plan, int workers, BlockEnvironment environment, Activity? dispatch)
    {
        IReadOnlyList<string> nodes = chain.Workers;
        ByteString shardNodes = PlacementIndex(nodes);
        var batches = Enumerable.Range(0, workers).Select(_ => new ExecuteBatch
        {
            Epoch = chain.Epoch, RequestId = (ulong)chain.BlocksExecuted, Environment = environment,
            Trace = ClusterTelemetry.Capture(dispatch), Threads = (uint)workerThreads, Nodes = { nodes }, ShardNodes = shardNodes,
        }).ToList();
        var prefetched = new HashSet<object>[workers];
        for (int w = 0; w < workers; w++) prefetched[w] = [];
        for (int i = 0; i < transactions.Length; i++)
        {
            Transaction tx = transactions[i];
            ExecuteBatch batch = batches[plan[i]];
            batch.Transactions.Add(new BatchTransaction { Index = (uint)i, Raw = Values.Bytes(block.Transactions[i].Encoded), Sender = Values.Bytes(tx.Sender) });
            HashSet<object> seen = prefetched[plan[i]];
            void Account(Address a) { if (seen.Add(a)) batch.PrefetchAccounts.Add(Values.Bytes(a)); }
            Account(tx.Sender);
            if (tx.To is { } to) Account(to);
            foreach (AccessListItem item in tx.AccessList)
            {
                Account(item.Address);
                foreach (var slot in item.StorageKeys)
                    if (seen.Add(new StorageCell(item.Address, slot))) batch.PrefetchStorage.Add(StateMapping.StorageKey(new StorageCell(item.Address, slot)));
            }
            foreach (StorageCell cell in chain.Planner.HotSlots(tx))
            {
                Account(cell.Address);
                if (seen.Add(cell)) batch.PrefetchStorage.Add(StateMapping.StorageKey(cell));
            }
        }
        return batches;
    }

    /// <summary>Each shard's node as an index into <paramref name="nodes"/> (255: not placed).</summary>
    private ByteString PlacementIndex(IReadOnlyList<string> nodes)
    {
        var index = new byte[ShardKeys.ShardCount];
        for (int s = 0; s < index.Length; s++)
        {
            int n = chain.Placement[s] is { } node ? IndexOf(nodes, node) : -1;
            index[s] = n is >= 0 and < byte.MaxValue ? (byte)n : byte.MaxValue;
        }
        return ByteString.CopyFrom(index);

        static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (int i = 0; i < list.Count; i++)
                if (list[i] == value) return i;
            return -1;
        }
    }

    private static void ReadOutcomes(BatchExecuted reply, SpeculativeOutcome?[] outcomes, PreStateCache preState)
    {
        try
        {
            var reader = new OutcomeReader(reply, preState);
            foreach (TransactionOutcome outcome in reply.Outcomes)
            {
                if (outcome.Index >= outcomes.Length) throw new ProtocolException($"outcome for transaction {outcome.Index} of {outcomes.Length}");
                outcomes[outcome.Index] = reader.Read(outcome, preState);
            }
        }
        catch (ProtocolException e)
        {
            throw new ClusterRequestException(StatusCode.Internal, $"worker {reply.Node} sent a bad outcome: {e.Message}");
        }
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
        Staged[] replies = await gateway.AskShards<Staged>(byShard.Values.ToList(), NodeOf, trace);
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
        }).ToList(), NodeOf, trace);
        // A commit keeps the subtrees reported at staging; a drop leaves every subtree as it was.
        if (commit)
            foreach (var (shard, subtree) in staged) chain.Subtrees[shard] = subtree;
    }

    private string NodeOf(int shard) => chain.Placement[shard] ?? throw new ClusterRequestException(StatusCode.FailedPrecondition, $"shard {shard} has no worker: load the state again");

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

    private static void Record(BlockStatistics stats, BlockResult result, double seconds)
    {
        ClusterTelemetry.Blocks.Add(1);
        ClusterTelemetry.Transactions.Add(stats.Transactions);
        ClusterTelemetry.Gas.Add(result.GasUsed);
        ClusterTelemetry.Reexecutions.Add(stats.Reexecuted);
        ClusterTelemetry.RemoteReads.Add((long)stats.RemoteReads);
        ClusterTelemetry.MessageBytes.Add((long)stats.MessageBytes);
        ClusterTelemetry.BlockSeconds.Record(seconds);
        if (seconds > 0) ClusterTelemetry.GasPerSecond.Record(result.GasUsed / seconds);
    }

    private static ExecuteBlockReply Reply(BlockHeader header, Hash256 blockId, BlockResult result, BlockStatistics stats, bool committed, bool receipts)
    {
        var reply = new ExecuteBlockReply
        {
            BlockHash = Values.Bytes(blockId), Number = (ulong)header.Number, StateRoot = Values.Bytes(result.StateRoot),
            ReceiptsRoot = Values.Bytes(result.ReceiptsRoot), LogsBloom = ByteString.CopyFrom(result.LogsBloom.Bytes),
            GasUsed = (ulong)result.GasUsed, BlobGasUsed = result.BlobGasUsed, Statistics = stats, Committed = committed,
        };
        if (!receipts) return reply;
        long previous = 0;
        for (int i = 0; i < result.Receipts.Count; i++)
        {
            Execution.Receipts.Receipt receipt = result.Receipts[i];
            var message = new Protocol.V1.Receipt
            {
                Type = (uint)receipt.Type, Success = receipt.Success, CumulativeGasUsed = (ulong)receipt.CumulativeGasUsed,
                GasUsed = (ulong)(receipt.CumulativeGasUsed - previous),
            };
            // A receipt's bloom follows from its logs; only non-empty ones are sent.
            if (!receipt.Bloom.IsZero) message.LogsBloom = ByteString.CopyFrom(receipt.Bloom.Bytes);
            if (receipt.PostStateRoot is { } post) message.PostState = Values.Bytes(post);
            if (result.Transactions[i].ContractAddress is { } created) message.ContractAddress = Values.Bytes(created);
            foreach (LogEntry log in receipt.Logs) message.Logs.Add(LogMapping.ToProto(log));
            reply.Receipts.Add(message);
            previous = receipt.CumulativeGasUsed;
        }
        return reply;
    }
}
