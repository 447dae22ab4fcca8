using EvmCluster.Evm.Core;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Transactions;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using Block = EvmCluster.Execution.Blocks.Block;
using StatusCode = Grpc.Core.StatusCode;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>A block request as a block: decoded from RLP or from header fields and raw transactions, bad input named.</summary>
public static class BlockAdmission
{
    /// <summary>The header's hash; a header the RLP rules cannot encode (fork fields missing) is named by the hash of its fields.</summary>
    public static Hash256 IdOf(BlockHeader header) =>
        BlockHeaderCodec.IsEncodable(header) ? header.Hash : Evm.Crypto.Keccak256.Compute(BlockMapping.ToProto(header).ToByteArray());

    public static Block Decode(ExecuteBlockRequest request)
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
}
