using Akka.Actor;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace EvmCluster.Coordinator.Api;

/// <summary>
/// The gRPC API: each call becomes a message to the coordinator singleton (through its proxy), whose
/// <see cref="RequestFailed"/> replies become gRPC status codes with the coordinator's message.
/// </summary>
public sealed class ExecutorService(CoordinatorEndpoint coordinator) : Executor.ExecutorBase
{
    public const int MaxChunkAccounts = 100_000;

    public override async Task<LoadStateReply> LoadState(IAsyncStreamReader<LoadStateChunk> requestStream, ServerCallContext context)
    {
        bool first = true;
        await foreach (LoadStateChunk chunk in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (first && chunk.Chain is null) throw new RpcException(new Status(StatusCode.InvalidArgument, "the first LoadState chunk must carry the chain config"));
            if (!first && chunk.Chain is not null) throw new RpcException(new Status(StatusCode.InvalidArgument, "only the first LoadState chunk may carry the chain config"));
            if (chunk.Accounts.Count > MaxChunkAccounts) throw new RpcException(new Status(StatusCode.InvalidArgument, $"a chunk holds at most {MaxChunkAccounts} accounts, got {chunk.Accounts.Count}"));
            await Ask<LoadStateReply>(chunk);
            first = false;
        }
        if (first) throw new RpcException(new Status(StatusCode.InvalidArgument, "LoadState received no chunk"));
        return await Ask<LoadStateReply>(new LoadStateDone());
    }

    public override Task<ExecuteBlockReply> ExecuteBlock(ExecuteBlockRequest request, ServerCallContext context) => Ask<ExecuteBlockReply>(request);
    public override Task<GetAccountReply> GetAccount(GetAccountRequest request, ServerCallContext context) => Ask<GetAccountReply>(request);
    public override Task<GetStorageReply> GetStorage(GetStorageRequest request, ServerCallContext context) => Ask<GetStorageReply>(request);
    public override Task<GetCodeReply> GetCode(GetCodeRequest request, ServerCallContext context) => Ask<GetCodeReply>(request);
    public override Task<ClusterStatus> GetClusterStatus(GetClusterStatusRequest request, ServerCallContext context) => Ask<ClusterStatus>(request);

    private async Task<T> Ask<T>(IMessage request) where T : class
    {
        object reply;
        try
        {
            reply = await coordinator.Proxy.Ask<object>(request, coordinator.Timeout);
        }
        catch (AskTimeoutException)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"the coordinator did not answer within {coordinator.Timeout.TotalSeconds:0} s"));
        }
        return reply switch
        {
            T expected => expected,
            RequestFailed failed => throw new RpcException(new Status((StatusCode)failed.Code, failed.Message)),
            _ => throw new RpcException(new Status(StatusCode.Internal, $"unexpected reply {reply.GetType().Name}")),
        };
    }
}

/// <summary>Where the API sends its requests.</summary>
public sealed record CoordinatorEndpoint(IActorRef Proxy, TimeSpan Timeout);
