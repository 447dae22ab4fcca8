using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Protocol.Sharding;

/// <summary>
/// Shard requests travel to a worker node as one <see cref="ShardBundle"/> per node instead of one
/// remote message per shard: a block touching all 256 shards costs a message per node, not 256.
/// </summary>
public static class ShardBundles
{
    /// <summary>One bundle per node hosting the messages' shards; <paramref name="nodeOf"/> gives a shard's node.</summary>
    public static Dictionary<string, ShardBundle> ByNode(IEnumerable<IShardMessage> messages, Func<int, string> nodeOf, TraceContext? trace)
    {
        var bundles = new Dictionary<string, ShardBundle>(StringComparer.Ordinal);
        foreach (IShardMessage message in messages)
        {
            string node = nodeOf((int)message.Shard);
            if (!bundles.TryGetValue(node, out ShardBundle? bundle)) bundles[node] = bundle = new ShardBundle { Trace = trace };
            bundle.Requests.Add(Wrap(message));
        }
        return bundles;
    }

    public static ShardRequest Wrap(IShardMessage message) => message switch
    {
        ReadKeys read => new ShardRequest { Read = read },
        StageWrites stage => new ShardRequest { Stage = stage },
        FinishStaged finish => new ShardRequest { Finish = finish },
        _ => throw new ArgumentException($"{message.GetType().Name} does not travel in a shard bundle", nameof(message)),
    };

    public static IShardMessage Unwrap(ShardRequest request) => request.RequestCase switch
    {
        ShardRequest.RequestOneofCase.Read => request.Read,
        ShardRequest.RequestOneofCase.Stage => request.Stage,
        ShardRequest.RequestOneofCase.Finish => request.Finish,
        _ => throw new ProtocolException("shard bundle: a request is empty"),
    };

    /// <summary>A shard entity's answer in a bundle reply; anything unexpected becomes a failure naming it.</summary>
    public static ShardReply WrapReply(uint shard, object reply) => reply switch
    {
        KeyValues values => new ShardReply { Values = values },
        Staged staged => new ShardReply { Staged = staged },
        StagedFinished finished => new ShardReply { Finished = finished },
        ShardFailure failure => new ShardReply { Failure = failure },
        _ => new ShardReply { Failure = new ShardFailure { Shard = shard, Message = $"shard {shard}: unexpected reply {reply.GetType().Name}" } },
    };

    public static IMessage UnwrapReply(ShardReply reply) => reply.ReplyCase switch
    {
        ShardReply.ReplyOneofCase.Values => reply.Values,
        ShardReply.ReplyOneofCase.Staged => reply.Staged,
        ShardReply.ReplyOneofCase.Finished => reply.Finished,
        ShardReply.ReplyOneofCase.Failure => reply.Failure,
        _ => throw new ProtocolException("shard bundle reply: a reply is empty"),
    };

    /// <summary>
    /// The asking side: a bundle's replies in request order, each a <typeparamref name="T"/>. A shard's
    /// refusal raises <see cref="ShardRefusedException"/>; a reply that does not match its request,
    /// <see cref="ProtocolException"/>.
    /// </summary>
    public static T[] Unpack<T>(string node, ShardBundle bundle, ShardBundleReply reply) where T : class, IMessage
    {
        if (reply.Replies.Count != bundle.Requests.Count)
            throw new ProtocolException($"worker {node} answered {reply.Replies.Count} of {bundle.Requests.Count} shard requests");
        var values = new T[reply.Replies.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = UnwrapReply(reply.Replies[i]) switch
            {
                T value => value,
                ShardFailure failure => throw new ShardRefusedException(failure),
                var other => throw new ProtocolException($"shard {Unwrap(bundle.Requests[i]).Shard} on {node}: unexpected reply {other.GetType().Name}"),
            };
        }
        return values;
    }

    /// <summary>
    /// A node's side: each request goes to its shard entity through <paramref name="ask"/> (the local
    /// shard region), all at once; the replies come back in request order. A request that cannot be
    /// read or is not answered in time becomes a failure naming its shard.
    /// </summary>
    public static async Task<ShardBundleReply> ForwardAsync(ShardBundle bundle, Func<IShardMessage, Task<object>> ask)
    {
        var pending = new Task<ShardReply>[bundle.Requests.Count];
        for (int i = 0; i < pending.Length; i++) pending[i] = ForwardOneAsync(bundle.Requests[i], ask);
        var reply = new ShardBundleReply();
        reply.Replies.AddRange(await Task.WhenAll(pending));
        return reply;
    }

    private static async Task<ShardReply> ForwardOneAsync(ShardRequest request, Func<IShardMessage, Task<object>> ask)
    {
        IShardMessage message;
        try
        {
            message = Unwrap(request);
        }
        catch (ProtocolException e)
        {
            return new ShardReply { Failure = new ShardFailure { Message = e.Message } };
        }
        try
        {
            return WrapReply(message.Shard, await ask(message));
        }
        catch (Exception e) when (e is Akka.Actor.AskTimeoutException or TaskCanceledException)
        {
            return new ShardReply { Failure = new ShardFailure { Shard = message.Shard, Message = $"shard {message.Shard} did not answer: {e.Message}" } };
        }
    }
}

/// <summary>A shard refused a request (no state for the epoch, not on the node placement names…); the message says which and why.</summary>
public sealed class ShardRefusedException(ShardFailure failure) : Exception(failure.Message)
{
    public ShardFailure Failure { get; } = failure;
}
