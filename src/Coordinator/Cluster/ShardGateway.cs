using Akka.Actor;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// The coordinator's side of every cluster message: asks shard entities (through the shard region
/// proxy) and worker nodes, turns refusals into <see cref="ClusterRequestException"/>, and counts
/// messages and bytes for the block statistics.
/// </summary>
public sealed class ShardGateway(ActorSystem system, IActorRef region, TimeSpan timeout)
{
    private long _messages, _bytes;

    public long Messages => Interlocked.Read(ref _messages);
    public long Bytes => Interlocked.Read(ref _bytes);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _messages, 0);
        Interlocked.Exchange(ref _bytes, 0);
    }

    /// <summary>
    /// Asks a shard through the sharding proxy, which finds (or, the first time, places) its home. Only
    /// loading does this: once placed, a shard is asked at its node (<see cref="AskPlaced{T}"/>).
    /// </summary>
    public Task<T> AskShard<T>(IShardMessage message) where T : class, IMessage =>
        Ask<T>(region, (IMessage)message, $"shard {message.Shard}");

    /// <summary>Asks one shard at the node that placement names (<paramref name="nodeOf"/>).</summary>
    public async Task<T> AskPlaced<T>(IShardMessage message, Func<int, string> nodeOf, TraceContext? trace) where T : class, IMessage =>
        (await AskShards<T>([message], nodeOf, trace))[0];

    public Task<T> AskWorker<T>(string node, IMessage message) where T : class, IMessage =>
        Ask<T>(system.ActorSelection($"{node}/user/worker"), message, $"worker {node}");

    /// <summary>Asks many shards with one bundle per hosting node (<paramref name="nodeOf"/>); the replies come back in message order.</summary>
    public async Task<T[]> AskShards<T>(IReadOnlyList<IShardMessage> messages, Func<int, string> nodeOf, TraceContext? trace) where T : class, IMessage
    {
        var asked = ShardBundles.ByNode(messages, nodeOf, trace).ToList();
        ShardBundleReply[] replies = await Task.WhenAll(asked.Select(b => AskWorker<ShardBundleReply>(b.Key, b.Value)));
        var byShard = new Dictionary<uint, T>();
        for (int n = 0; n < asked.Count; n++)
        {
            T[] values;
            try
            {
                values = ShardBundles.Unpack<T>(asked[n].Key, asked[n].Value, replies[n]);
            }
            catch (ShardRefusedException e)
            {
                throw new ClusterRequestException(Grpc.Core.StatusCode.FailedPrecondition, e.Message);
            }
            catch (Protocol.Mapping.ProtocolException e)
            {
                throw new ClusterRequestException(Grpc.Core.StatusCode.Internal, e.Message);
            }
            for (int i = 0; i < values.Length; i++) byShard[ShardBundles.Unwrap(asked[n].Value.Requests[i]).Shard] = values[i];
        }
        return messages.Select(m => byShard[m.Shard]).ToArray();
    }

    private async Task<T> Ask<T>(ICanTell target, IMessage message, string what) where T : class, IMessage
    {
        Count(message);
        object reply;
        try
        {
            reply = target switch
            {
                IActorRef actor => await actor.Ask<object>(message, timeout),
                ActorSelection selection => await selection.Ask<object>(message, timeout),
                _ => throw new InvalidOperationException(),
            };
        }
        catch (AskTimeoutException)
        {
            throw new ClusterRequestException(Grpc.Core.StatusCode.Unavailable, $"{what} did not answer within {timeout.TotalSeconds:0} s");
        }
        if (reply is IMessage answer) Count(answer);
        return reply switch
        {
            T expected => expected,
            ShardFailure failure => throw new ClusterRequestException(Grpc.Core.StatusCode.FailedPrecondition, failure.Message),
            _ => throw new ClusterRequestException(Grpc.Core.StatusCode.Internal, $"{what}: unexpected reply {reply.GetType().Name}"),
        };
    }

    private void Count(IMessage message)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, message.CalculateSize());
    }
}

/// <summary>A request the cluster cannot serve; the code is the gRPC status the caller gets.</summary>
public sealed class ClusterRequestException(Grpc.Core.StatusCode code, string message) : Exception(message)
{
    public Grpc.Core.StatusCode Code { get; } = code;
}
