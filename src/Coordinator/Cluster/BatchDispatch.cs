using System.Diagnostics;
using System.Runtime.InteropServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Execution.Receipts;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using Block = EvmCluster.Execution.Blocks.Block;
using StatusCode = Grpc.Core.StatusCode;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// The batches of a plan (one per worker: raw transactions, recovered senders, predicted keys to
/// prefetch, where every shard lives) and the outcomes read back from the workers' replies.
/// </summary>
public sealed class BatchDispatch(ChainState chain, int workerThreads)
{
    /// <summary>One batch per worker; <paramref name="predicted"/> are the planner's cells per transaction, prefetched with the accounts.</summary>
    public List<ExecuteBatch> Build(Block block, Transaction[] transactions, int[] plan, PredictedCell[][] predicted, int workers, BlockEnvironment environment, Activity? dispatch)
    {
        IReadOnlyList<string> nodes = chain.Workers;
        ByteString shardNodes = PlacementIndex(nodes);
        var batches = Enumerable.Range(0, workers).Select(_ => new ExecuteBatch
        {
            Epoch = chain.Epoch, RequestId = (ulong)chain.BlocksExecuted, Environment = environment,
            Trace = ClusterTelemetry.Capture(dispatch), Threads = (uint)workerThreads, Nodes = { nodes }, ShardNodes = shardNodes,
        }).ToList();
        var accountsSeen = new HashSet<Address>[workers];
        var slotsByAccount = new Dictionary<Address, PrefetchSlots>[workers];
        for (int w = 0; w < workers; w++) (accountsSeen[w], slotsByAccount[w]) = ([], []);
        for (int i = 0; i < transactions.Length; i++)
        {
            Transaction tx = transactions[i];
            ExecuteBatch batch = batches[plan[i]];
            batch.Transactions.Add(new BatchTransaction { Index = (uint)i, Raw = Values.Bytes(block.Transactions[i].Encoded), Sender = Values.Bytes(tx.Sender) });
            HashSet<Address> accounts = accountsSeen[plan[i]];
            Dictionary<Address, PrefetchSlots> slots = slotsByAccount[plan[i]];
            // Senders are prefetched by the worker from the batch's own sender fields.
            accounts.Add(tx.Sender);
            void Account(Address a) { if (accounts.Add(a)) batch.PrefetchAccounts.Add(Values.Bytes(a)); }
            void Cell(in StorageCell cell)
            {
                ref PrefetchSlots? of = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, cell.Address, out _);
                (of ??= new PrefetchSlots()).Add(cell.Slot);
            }
            if (tx.To is { } to) Account(to);
            foreach (AccessListItem item in tx.AccessList)
            {
                Account(item.Address);
                foreach (var slot in item.StorageKeys) Cell(new StorageCell(item.Address, slot));
            }
            foreach (PredictedCell cell in predicted[i])
            {
                if (!cell.Prefetch) continue;
                Account(cell.Cell.Address);
                Cell(cell.Cell);
            }
        }
        for (int w = 0; w < workers; w++)
            foreach (var (address, slots) in slotsByAccount[w])
                batches[w].PrefetchStorage.Add(new AccountSlots { Address = Values.Bytes(address), Slots = slots.ToByteString() });
        return batches;
    }

    /// <summary>One account's distinct slots to prefetch, 32 bytes each.</summary>
    private sealed class PrefetchSlots
    {
        private readonly HashSet<UInt256> _seen = [];
        private readonly List<UInt256> _slots = [];

        public void Add(in UInt256 slot)
        {
            if (_seen.Add(slot)) _slots.Add(slot);
        }

        public ByteString ToByteString()
        {
            var column = new SlotColumnWriter(_slots.Count);
            foreach (UInt256 slot in _slots) column.Add(slot);
            return column.ToByteString();
        }
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

    public static BatchExecuted Decode(BatchExecutedFrame frame, string worker)
    {
        try
        {
            return BatchExecuted.Parser.ParseFrom(frame.Reply);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ClusterRequestException(StatusCode.Internal, $"worker {worker} sent a reply that cannot be decoded: {e.Message}");
        }
    }

    /// <summary>
    /// Puts a reply's outcomes in their block positions, each usable one with its receipt's bloom: computed
    /// here, while other batches may still run, instead of in the in-order pass.
    /// </summary>
    public static void ReadOutcomes(BatchExecuted reply, SpeculativeOutcome?[] outcomes, PreStateCache preState)
    {
        try
        {
            foreach (var (index, outcome) in new OutcomeReader(reply, preState).ReadAll())
            {
                if (index < 0 || index >= outcomes.Length) throw new ProtocolException($"outcome for transaction {index} of {outcomes.Length}");
                outcomes[index] = outcome.IsUsable && outcome.Result.Logs.Count > 0 ? outcome with { LogsBloom = Bloom.FromLogs(outcome.Result.Logs) } : outcome;
            }
        }
        catch (ProtocolException e)
        {
            throw new ClusterRequestException(StatusCode.Internal, $"worker {reply.Node} sent a bad outcome: {e.Message}");
        }
    }
}
