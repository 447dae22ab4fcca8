using EvmCluster.Evm.Crypto;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// LoadState (a stream of chunks): a new epoch, accounts to their shards (code kept apart: every
/// node gets all of it), then every shard placed — placement is fixed from here — and hashed; last,
/// every node compacts its heap (<see cref="HeapCompaction"/>).
/// </summary>
public sealed class StateLoader(ChainState chain, ShardGateway gateway)
{
    private readonly HashSet<int> _started = [];
    private ulong _accounts;

    public void Begin(ChainConfig config)
    {
        if (config.ChainId == 0) throw new ClusterRequestException(Grpc.Core.StatusCode.InvalidArgument, "chain.chain_id must be set");
        var schedule = BlockMapping.Schedule(config.ForkSchedule);
        var hashes = config.BlockHashes.Select(h => (Number: (long)h.Number, Hash: Values.ToHash(h.Hash, "chain.block_hashes.hash"))).ToList();
        chain.Reset((ulong)DateTime.UtcNow.Ticks, config.ChainId);
        chain.ScheduleName = config.ForkSchedule;
        chain.Schedule = schedule;
        foreach (var (number, hash) in hashes) chain.AddHash(number, hash);
        _started.Clear();
        _accounts = 0;
    }

    public async Task AddAsync(IEnumerable<GenesisAccount> accounts)
    {
        var byShard = new Dictionary<int, LoadShard>();
        foreach (GenesisAccount account in accounts)
        {
            int shard = ShardKeys.ShardOf(Values.ToAddress(account.Address, "accounts.address"));
            if (!account.Code.IsEmpty)
            {
                byte[] code = account.Code.ToByteArray();
                var hash = Keccak256.Compute(code);
                chain.Code[hash] = code;
                account.Code = ByteString.Empty;
                account.CodeHash = Values.Bytes(hash);
            }
            if (!byShard.TryGetValue(shard, out LoadShard? message))
                byShard[shard] = message = new LoadShard { Shard = (uint)shard, Epoch = chain.Epoch, Reset = _started.Add(shard) };
            message.Accounts.Add(account);
            _accounts++;
        }
        await SendAsync(byShard.Values);
    }

    public async Task<LoadStateReply> FinishAsync()
    {
        using var span = ClusterTelemetry.Source.StartActivity(ClusterTelemetry.Spans.StateRoot);
        // Every shard gets placed now, empty or not, so placement never changes afterwards.
        await SendAsync(Enumerable.Range(0, ShardKeys.ShardCount).Where(s => !_started.Contains(s))
            .Select(s => new LoadShard { Shard = (uint)s, Epoch = chain.Epoch, Reset = _started.Add(s) }).ToList());

        var store = new StoreCode { Epoch = chain.Epoch, Reset = true, Trace = ClusterTelemetry.Capture(span) };
        store.Code.AddRange(chain.Code.Values.Select(Values.Bytes));
        await Task.WhenAll(chain.Workers.Select(w => gateway.AskWorker<CodeStored>(w, store)));

        // Staging nothing hashes each shard's loaded accounts and reports its subtree. It goes to the
        // node placement names, which hands it only to a shard running there with this epoch's state:
        // so it also confirms every shard is where placement says, or fails the load naming the shard.
        TraceContext? trace = ClusterTelemetry.Capture(span);
        var loaded = ByteString.CopyFrom(new byte[32]);
        List<IShardMessage> all = Enumerable.Range(0, ShardKeys.ShardCount)
            .Select(s => (IShardMessage)new StageWrites { Shard = (uint)s, Epoch = chain.Epoch, BlockHash = loaded, Trace = trace }).ToList();
        Staged[] hashed = await gateway.AskShards<Staged>(all, chain.NodeOf, trace);
        foreach (Staged shard in hashed) chain.Subtrees[shard.Shard] = StateMapping.FromProto(shard.Subtree);
        await gateway.AskShards<StagedFinished>(Enumerable.Range(0, ShardKeys.ShardCount)
            .Select(s => (IShardMessage)new FinishStaged { Shard = (uint)s, Epoch = chain.Epoch, BlockHash = loaded, Commit = true, Trace = trace }).ToList(), chain.NodeOf, trace);
        chain.StateRoot = chain.ComposeRoot();
        chain.Loaded = true;
        await Task.WhenAll(chain.Workers.Select(w => gateway.AskWorker<LoadSettled>(w, new LoadCompleted { Epoch = chain.Epoch, Trace = trace })));
        HeapCompaction.AfterLoad(chain.Epoch);
        return new LoadStateReply
        {
            StateRoot = Values.Bytes(chain.StateRoot), Accounts = _accounts, Shards = ShardKeys.ShardCount, Workers = (uint)chain.Workers.Count,
        };
    }


    private async Task SendAsync(IEnumerable<LoadShard> messages)
    {
        TraceContext? trace = ClusterTelemetry.Capture(System.Diagnostics.Activity.Current);
        messages = messages.Select(m => { m.Trace = trace; return m; }).ToList();
        ShardLoaded[] loaded = await Task.WhenAll(messages.Select(m => gateway.AskShard<ShardLoaded>(m)));
        foreach (ShardLoaded shard in loaded)
        {
            if (shard.Epoch != chain.Epoch) throw new ClusterRequestException(Grpc.Core.StatusCode.Aborted, $"shard {shard.Shard} loaded epoch {shard.Epoch}, expected {chain.Epoch}");
            if (chain.Placement[shard.Shard] is { } placed && placed != shard.Node)
                throw new ClusterRequestException(Grpc.Core.StatusCode.Aborted,
                    $"shard {shard.Shard} took part of the state on {placed} and part on {shard.Node}: it moved during the load; load the state again");
            chain.Placement[shard.Shard] = shard.Node;
        }
    }
}
