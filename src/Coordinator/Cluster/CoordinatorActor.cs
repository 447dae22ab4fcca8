using Akka.Actor;
using Akka.Event;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// The coordinator: a cluster singleton that owns the chain's view of the cluster and runs one
/// request at a time (a block, a chunk of state, a query) — async handlers hold the mailbox until
/// the work is done. The work itself lives in <see cref="StateLoader"/> and <see cref="BlockPipeline"/>.
/// Replies are the API's protobuf messages, or <see cref="RequestFailed"/>.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor
{
    private readonly ChainState _chain = new();
    private readonly ShardGateway _gateway;
    private readonly StateLoader _loader;
    private readonly BlockPipeline _pipeline;
    private readonly WorkerWatch _workers;

    public CoordinatorActor(IActorRef shardRegion, CoordinatorOptions options)
    {
        _gateway = new ShardGateway(Context.System, shardRegion, options.RequestTimeout);
        _loader = new StateLoader(_chain, _gateway);
        _pipeline = new BlockPipeline(_chain, _gateway, options.WorkerThreads);
        _workers = new WorkerWatch(Context.System, shardRegion, options.MinWorkers, options.WorkerWaitTimeout);

        ReceiveAsync<LoadStateChunk>(m => Handle(async () =>
        {
            if (m.Chain is not null)
            {
                await _workers.WaitForWorkersAsync();
                _loader.Begin(m.Chain);
            }
            else if (_chain.Epoch == 0) throw new ClusterRequestException(Grpc.Core.StatusCode.InvalidArgument, "the first LoadState chunk must carry the chain config");
            await _loader.AddAsync(m.Accounts);
            return new LoadStateReply();
        }));
        ReceiveAsync<LoadStateDone>(_ => Handle(async () => await _loader.FinishAsync()));
        ReceiveAsync<ExecuteBlockRequest>(m => Handle(async () =>
        {
            _workers.EnsurePlacementAlive(_chain);
            return await _pipeline.ExecuteAsync(m);
        }));
        ReceiveAsync<GetAccountRequest>(m => Handle(async () =>
        {
            AccountValue value = (await Read(m.Address, "address", r => r.Accounts.Add(m.Address))).Accounts[0];
            return new GetAccountReply { Exists = value.Exists, Account = value.Account };
        }));
        ReceiveAsync<GetStorageRequest>(m => Handle(async () =>
        {
            Values.ToUInt256(m.Slot, "slot");
            KeyValues values = await Read(m.Address, "address", r => r.Storage.Add(new StorageKey { Address = m.Address, Slot = m.Slot }));
            return new GetStorageReply { Value = values.Storage[0].Value };
        }));
        ReceiveAsync<GetCodeRequest>(m => Handle(async () =>
        {
            AccountValue value = (await Read(m.Address, "address", r => r.Accounts.Add(m.Address))).Accounts[0];
            if (!value.Exists) return new GetCodeReply();
            var hash = Values.ToHash(value.Account.CodeHash, "code_hash");
            return new GetCodeReply { CodeHash = value.Account.CodeHash, Code = _chain.Code.TryGetValue(hash, out byte[]? code) ? Values.Bytes(code) : ByteString.Empty };
        }));
        Receive<GetClusterStatusRequest>(_ => Sender.Tell(_workers.Status(_chain)));
    }

    private async Task<KeyValues> Read(ByteString address, string field, Action<ReadKeys> add)
    {
        if (!_chain.Loaded) throw new ClusterRequestException(Grpc.Core.StatusCode.FailedPrecondition, "no state is loaded: call LoadState first");
        _workers.EnsurePlacementAlive(_chain);
        var request = new ReadKeys { Shard = (uint)ShardKeys.ShardOf(Values.ToAddress(address, field)), Epoch = _chain.Epoch, Trace = ClusterTelemetry.Capture(System.Diagnostics.Activity.Current) };
        add(request);
        return await _gateway.AskPlaced<KeyValues>(request, _chain.NodeOf, request.Trace);
    }


    private async Task Handle(Func<Task<IMessage>> work)
    {
        IActorRef sender = Sender;
        try
        {
            sender.Tell(await work());
        }
        catch (ClusterRequestException e)
        {
            sender.Tell(new RequestFailed { Code = (uint)e.Code, Message = e.Message });
        }
        catch (ProtocolException e)
        {
            sender.Tell(new RequestFailed { Code = (uint)Grpc.Core.StatusCode.InvalidArgument, Message = e.Message });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Context.GetLogger().Error(e, "request failed");
            sender.Tell(new RequestFailed { Code = (uint)Grpc.Core.StatusCode.Internal, Message = $"{e.GetType().Name}: {e.Message}" });
        }
    }
}

public sealed record CoordinatorOptions(int MinWorkers, TimeSpan WorkerWaitTimeout, TimeSpan RequestTimeout, int WorkerThreads);
