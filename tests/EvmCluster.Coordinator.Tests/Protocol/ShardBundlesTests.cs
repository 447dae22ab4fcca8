using Akka.Actor;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Tests.Protocol;

/// <summary>
/// Shard requests travel as one bundle per worker node; the node forwards each request to its shard
/// and answers with the replies in request order, a missing answer turned into a failure naming the shard.
/// </summary>
public sealed class ShardBundlesTests
{
    private static ReadKeys Read(uint shard) => new() { Shard = shard, Epoch = 7, Accounts = { ByteString.CopyFrom(new byte[20]) } };
    private static StageWrites Stage(uint shard) => new() { Shard = shard, Epoch = 7, BlockHash = ByteString.CopyFrom(new byte[32]) };
    private static FinishStaged Finish(uint shard) => new() { Shard = shard, Epoch = 7, Commit = true };

    private static ShardBundle Bundle(params IShardMessage[] messages)
    {
        var bundle = new ShardBundle();
        foreach (IShardMessage message in messages) bundle.Requests.Add(ShardBundles.Wrap(message));
        return bundle;
    }

    /// <summary>The answer a shard entity gives to each kind of request.</summary>
    private static object Answer(IShardMessage message) => message switch
    {
        ReadKeys read => new KeyValues { Shard = read.Shard },
        StageWrites stage => new Staged { Shard = stage.Shard },
        FinishStaged finish => new StagedFinished { Shard = finish.Shard, Committed = finish.Commit },
        _ => throw new InvalidOperationException(message.GetType().Name),
    };

    private static uint ShardOf(ShardReply reply) => ShardBundles.UnwrapReply(reply) switch
    {
        KeyValues values => values.Shard,
        Staged staged => staged.Shard,
        StagedFinished finished => finished.Shard,
        ShardFailure failure => throw new Xunit.Sdk.XunitException($"unexpected failure: {failure.Message}"),
        var other => throw new Xunit.Sdk.XunitException($"unexpected reply {other.GetType().Name}"),
    };

    [Fact]
    public void ByNode_groups_by_node_keeps_order_and_carries_trace()
    {
        var trace = new TraceContext { Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        IShardMessage[] messages = [Read(9), Stage(4), Finish(3), Read(2), Read(5), Finish(8)];
        var asked = new List<int>();

        Dictionary<string, ShardBundle> bundles = ShardBundles.ByNode(messages, shard =>
        {
            asked.Add(shard);
            return shard % 2 == 1 ? "node-odd" : "node-even";
        }, trace);

        Assert.Equal(["node-even", "node-odd"], bundles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([9, 4, 3, 2, 5, 8], asked);
        // Within a node, the messages' order (not shard order) and the very same messages.
        Assert.Equal([messages[0], messages[2], messages[4]], bundles["node-odd"].Requests.Select(ShardBundles.Unwrap));
        Assert.Equal([messages[1], messages[3], messages[5]], bundles["node-even"].Requests.Select(ShardBundles.Unwrap));
        Assert.All(bundles.Values, bundle => Assert.Same(trace, bundle.Trace));
    }

    [Fact]
    public void ByNode_of_no_messages_is_empty_and_a_missing_trace_stays_missing()
    {
        Assert.Empty(ShardBundles.ByNode([], _ => "node", null));
        ShardBundle only = Assert.Single(ShardBundles.ByNode([Read(1), Read(2)], _ => "node", null)).Value;
        Assert.Null(only.Trace);
        Assert.Equal(2, only.Requests.Count);
    }

    [Fact]
    public void Wrap_and_Unwrap_round_trip_each_request_kind()
    {
        IShardMessage[] messages = [Read(1), Stage(2), Finish(3)];
        ShardRequest.RequestOneofCase[] cases = [ShardRequest.RequestOneofCase.Read, ShardRequest.RequestOneofCase.Stage, ShardRequest.RequestOneofCase.Finish];
        for (int i = 0; i < messages.Length; i++)
        {
            ShardRequest request = ShardBundles.Wrap(messages[i]);
            Assert.Equal(cases[i], request.RequestCase);
            Assert.Same(messages[i], ShardBundles.Unwrap(request));
            // And through the wire.
            IShardMessage parsed = ShardBundles.Unwrap(ShardRequest.Parser.ParseFrom(request.ToByteArray()));
            Assert.Equal(messages[i], parsed);
            Assert.Equal(messages[i].Shard, parsed.Shard);
        }
    }

    [Fact]
    public void WrapReply_and_UnwrapReply_round_trip_each_reply_kind()
    {
        IMessage[] replies = [new KeyValues { Shard = 1 }, new Staged { Shard = 2 }, new StagedFinished { Shard = 3, Committed = true }, new ShardFailure { Shard = 4, Message = "gone" }];
        ShardReply.ReplyOneofCase[] cases = [ShardReply.ReplyOneofCase.Values, ShardReply.ReplyOneofCase.Staged, ShardReply.ReplyOneofCase.Finished, ShardReply.ReplyOneofCase.Failure];
        for (int i = 0; i < replies.Length; i++)
        {
            ShardReply reply = ShardBundles.WrapReply((uint)i + 1, replies[i]);
            Assert.Equal(cases[i], reply.ReplyCase);
            Assert.Same(replies[i], ShardBundles.UnwrapReply(reply));
            Assert.Equal(replies[i], ShardBundles.UnwrapReply(ShardReply.Parser.ParseFrom(reply.ToByteArray())));
        }
    }

    [Fact]
    public void Wrap_of_a_non_bundle_message_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ShardBundles.Wrap(new LoadShard { Shard = 5 }));
        Assert.Equal("message", e.ParamName);
        Assert.Contains(nameof(LoadShard), e.Message);
    }

    [Fact]
    public void Unwrap_of_an_empty_request_throws()
    {
        var e = Assert.Throws<ProtocolException>(() => ShardBundles.Unwrap(new ShardRequest()));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void UnwrapReply_of_an_empty_reply_throws()
    {
        var e = Assert.Throws<ProtocolException>(() => ShardBundles.UnwrapReply(new ShardReply()));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task Replies_keep_request_order()
    {
        ShardBundle bundle = Bundle(Read(10), Stage(11), Finish(12), Read(13));
        var pending = new Dictionary<uint, TaskCompletionSource<object>>();
        var asked = new List<IShardMessage>();
        Task<ShardBundleReply> forwarding = ShardBundles.ForwardAsync(bundle, message =>
        {
            asked.Add(message);
            var answer = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[message.Shard] = answer;
            return answer.Task;
        });

        // Every request is handed on at once, before any answer.
        Assert.Equal(bundle.Requests.Select(ShardBundles.Unwrap), asked);
        Assert.False(forwarding.IsCompleted);

        foreach (uint shard in new uint[] { 13, 11, 10 })
        {
            pending[shard].SetResult(Answer(asked.Single(m => m.Shard == shard)));
            await Task.Delay(10);
            Assert.False(forwarding.IsCompleted);
        }
        pending[12].SetResult(Answer(asked.Single(m => m.Shard == 12)));

        ShardBundleReply reply = await forwarding.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([10u, 11u, 12u, 13u], reply.Replies.Select(ShardOf));
        Assert.Equal([ShardReply.ReplyOneofCase.Values, ShardReply.ReplyOneofCase.Staged, ShardReply.ReplyOneofCase.Finished, ShardReply.ReplyOneofCase.Values],
            reply.Replies.Select(r => r.ReplyCase));
    }

    [Fact]
    public async Task Replies_keep_request_order_when_later_requests_answer_first()
    {
        ShardBundle bundle = Bundle(Read(0), Read(1), Read(2), Read(3), Read(4));
        ShardBundleReply reply = await ShardBundles.ForwardAsync(bundle, async message =>
        {
            await Task.Delay(15 * (5 - (int)message.Shard));
            return Answer(message);
        });
        Assert.Equal([0u, 1u, 2u, 3u, 4u], reply.Replies.Select(ShardOf));
    }

    [Fact]
    public async Task A_timeout_becomes_a_failure_naming_the_shard()
    {
        ShardBundle bundle = Bundle(Read(21), Stage(22), Finish(23));
        ShardBundleReply reply = await ShardBundles.ForwardAsync(bundle, message => message.Shard switch
        {
            21 => throw new AskTimeoutException("timed out after 5 s"),
            23 => Task.FromCanceled<object>(new CancellationToken(canceled: true)),
            _ => Task.FromResult(Answer(message)),
        });

        Assert.Equal(3, reply.Replies.Count);
        ShardFailure timedOut = FailureOf(reply.Replies[0]);
        Assert.Equal(21u, timedOut.Shard);
        Assert.Contains("shard 21", timedOut.Message);
        Assert.Contains("timed out after 5 s", timedOut.Message);
        Assert.Equal(22u, Assert.IsType<Staged>(ShardBundles.UnwrapReply(reply.Replies[1])).Shard);
        ShardFailure canceled = FailureOf(reply.Replies[2]);
        Assert.Equal(23u, canceled.Shard);
        Assert.Contains("shard 23", canceled.Message);
    }

    [Fact]
    public async Task An_unexpected_reply_becomes_a_failure_naming_the_type()
    {
        ShardBundle bundle = Bundle(Read(31), Read(32));
        ShardBundleReply reply = await ShardBundles.ForwardAsync(bundle, message =>
            Task.FromResult<object>(message.Shard == 31 ? new ShardLoaded { Shard = 31 } : Answer(message)));

        ShardFailure failure = FailureOf(reply.Replies[0]);
        Assert.Equal(31u, failure.Shard);
        Assert.Contains(nameof(ShardLoaded), failure.Message);
        Assert.Contains("shard 31", failure.Message);
        Assert.Equal(32u, ShardOf(reply.Replies[1]));
    }

    [Fact]
    public async Task An_empty_request_becomes_a_failure()
    {
        var bundle = new ShardBundle { Requests = { ShardBundles.Wrap(Read(41)), new ShardRequest(), ShardBundles.Wrap(Finish(43)) } };
        var asked = new List<uint>();
        ShardBundleReply reply = await ShardBundles.ForwardAsync(bundle, message =>
        {
            asked.Add(message.Shard);
            return Task.FromResult(Answer(message));
        });

        Assert.Equal([41u, 43u], asked);
        Assert.Equal(3, reply.Replies.Count);
        Assert.Equal(41u, ShardOf(reply.Replies[0]));
        Assert.Contains("empty", FailureOf(reply.Replies[1]).Message);
        Assert.Equal(43u, ShardOf(reply.Replies[2]));
    }

    private static ShardFailure FailureOf(ShardReply reply)
    {
        Assert.Equal(ShardReply.ReplyOneofCase.Failure, reply.ReplyCase);
        return reply.Failure;
    }
}
