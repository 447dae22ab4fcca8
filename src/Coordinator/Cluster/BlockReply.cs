using EvmCluster.Evm.Core;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using Block = EvmCluster.Execution.Blocks.Block;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>A block's result as the API's reply (receipts unless omitted), and the block's metrics.</summary>
public static class BlockReply
{
    public static void Record(BlockStatistics stats, BlockResult result, double seconds)
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

    public static ExecuteBlockReply From(BlockHeader header, Hash256 blockId, BlockResult result, BlockStatistics stats, bool committed, bool receipts)
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
