using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Transactions;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using Grpc.Net.Client;
using Block = EvmCluster.Execution.Blocks.Block;
using Receipt = EvmCluster.Execution.Receipts.Receipt;

namespace EvmCluster.Coordinator.Client;

/// <summary>The gRPC API from the caller's side: load a state, execute blocks, read results back as <see cref="BlockResult"/>.</summary>
public sealed class ClusterClient : IDisposable
{
    public const int AccountsPerChunk = 2_000;
    private readonly GrpcChannel _channel;

    public ClusterClient(string url)
    {
        _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { MaxReceiveMessageSize = 256 * 1024 * 1024, MaxSendMessageSize = 256 * 1024 * 1024 });
        Api = new Executor.ExecutorClient(_channel);
    }

    public Executor.ExecutorClient Api { get; }

    public async Task<LoadStateReply> LoadStateAsync(InMemoryState state, string forkSchedule, ulong chainId, IEnumerable<(long Number, Hash256 Hash)>? hashes = null)
    {
        using var call = Api.LoadState();
        var config = new ChainConfig { ForkSchedule = forkSchedule, ChainId = chainId };
        foreach (var (number, hash) in hashes ?? []) config.BlockHashes.Add(BlockMapping.BlockHash(number, hash));
        var chunk = new LoadStateChunk { Chain = config };
        foreach (var (address, record) in state.Accounts)
        {
            chunk.Accounts.Add(StateMapping.GenesisAccount(state, address, record));
            if (chunk.Accounts.Count < AccountsPerChunk) continue;
            await call.RequestStream.WriteAsync(chunk);
            chunk = new LoadStateChunk();
        }
        await call.RequestStream.WriteAsync(chunk);
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    public Task<ExecuteBlockReply> ExecuteAsync(Block block, IBlockHashSource? hashes, bool dryRun, bool verifyHeader, bool receipts = true)
    {
        var request = new ExecuteBlockRequest { DryRun = dryRun, VerifyHeader = verifyHeader, OmitReceipts = !receipts };
        if (block.Uncles.Count > 0) request.BlockRlp = Values.Bytes(BlockCodec.Encode(block));
        else
        {
            // Header fields plus raw transactions: also takes headers whose fork fields are incomplete (as workloads have).
            var body = new BlockBody { Header = BlockMapping.ToProto(block.Header), HasWithdrawals = block.Withdrawals is not null };
            foreach (SignedTransaction tx in block.Transactions) body.Transactions.Add(Values.Bytes(tx.Encoded));
            foreach (Execution.Blocks.Withdrawal w in block.Withdrawals ?? []) body.Withdrawals.Add(BlockMapping.ToProto(w));
            request.Body = body;
        }
        if (hashes is not null)
        {
            for (long n = Math.Max(0, block.Number - 256); n < block.Number; n++)
                if (hashes.GetBlockHash(n) is { } hash) request.BlockHashes.Add(BlockMapping.BlockHash(n, hash));
        }
        return Api.ExecuteBlockAsync(request).ResponseAsync;
    }

    /// <summary>
    /// The reply as a <see cref="BlockResult"/> (its <see cref="BlockResult.Changes"/> stay in the cluster: an empty set here;
    /// its receipts are empty when the request omitted them).
    /// </summary>
    public static BlockResult ToBlockResult(ExecuteBlockReply reply, IStateReader preState)
    {
        var receipts = new List<Receipt>(reply.Receipts.Count);
        var results = new List<TransactionResult>(reply.Receipts.Count);
        foreach (Protocol.V1.Receipt r in reply.Receipts)
        {
            LogEntry[] logs = r.Logs.Select(LogMapping.FromProto).ToArray();
            Hash256? post = r.PostState.IsEmpty ? null : Values.ToHash(r.PostState, "receipt.post_state");
            receipts.Add(new Receipt((TxType)r.Type, r.Success, post, (long)r.CumulativeGasUsed, r.LogsBloom.IsEmpty ? new Bloom() : new Bloom(r.LogsBloom.Span), logs));
            results.Add(new TransactionResult
            {
                GasUsed = (long)r.GasUsed, Logs = logs, Status = r.Success ? EvmStatus.Stop : EvmStatus.Revert,
                ContractAddress = r.ContractAddress.IsEmpty ? null : Values.ToAddress(r.ContractAddress, "receipt.contract_address"),
            });
        }
        return new BlockResult
        {
            Receipts = receipts, Transactions = results, GasUsed = (long)reply.GasUsed, BlobGasUsed = reply.BlobGasUsed,
            LogsBloom = new Bloom(reply.LogsBloom.Span), ReceiptsRoot = Values.ToHash(reply.ReceiptsRoot, "receipts_root"),
            StateRoot = Values.ToHash(reply.StateRoot, "state_root"), Changes = new BlockState(preState),
        };
    }

    public void Dispose() => _channel.Dispose();
}
