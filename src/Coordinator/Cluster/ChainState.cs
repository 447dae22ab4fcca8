using EvmCluster.Evm.Core;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Trie;
using EvmCluster.Protocol.Sharding;
using V1 = EvmCluster.Protocol.V1;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>What the coordinator knows about the chain and the cluster between blocks.</summary>
public sealed class ChainState : Evm.State.IBlockHashSource
{
    /// <summary>Identifies one LoadState; shards refuse work for another epoch.</summary>
    public ulong Epoch { get; set; }
    public bool Loaded { get; set; }
    public string ScheduleName { get; set; } = "";
    public ForkSchedule Schedule { get; set; } = ForkSchedule.Mainnet;
    public ulong ChainId { get; set; }
    public Dictionary<long, Hash256> HashList { get; } = [];
    /// <summary>Worker node address per shard, fixed at load.</summary>
    public string?[] Placement { get; } = new string?[ShardKeys.ShardCount];
    public TrieSubtree[] Subtrees { get; } = Enumerable.Repeat(TrieSubtree.Empty, ShardKeys.ShardCount).ToArray();
    public Dictionary<Hash256, byte[]> Code { get; } = [];
    public Hash256 StateRoot { get; set; } = PatriciaTrie.EmptyRoot;
    public long LastNumber { get; set; } = -1;
    public Hash256 LastHash { get; set; }
    public long BlocksExecuted { get; set; }
    public BatchPlanner Planner { get; } = new();

    /// <summary>The worker node placement names for <paramref name="shard"/>; a shard never placed is reported, naming it.</summary>
    public string NodeOf(int shard) => Placement[shard] ??
        throw new ClusterRequestException(Grpc.Core.StatusCode.FailedPrecondition, $"shard {shard} has no worker: load the state again");

    public IReadOnlyList<string> Workers => Placement.Where(p => p is not null).Select(p => p!).Distinct().Order(StringComparer.Ordinal).ToList();

    public void AddHash(long number, Hash256 hash) => HashList[number] = hash;

    public Hash256? GetBlockHash(long number) => HashList.TryGetValue(number, out Hash256 hash) ? hash : null;

    /// <summary>The up to 256 most recent known hashes below <paramref name="number"/> (BLOCKHASH's window).</summary>
    public IEnumerable<V1.BlockHash> HashesBefore(long number) =>
        HashList.Where(h => h.Key < number && h.Key >= number - 256).Select(h => Protocol.Mapping.BlockMapping.BlockHash(h.Key, h.Value));

    /// <summary>Forgets the loaded state. Planner hints describe a chain's contracts, so they are kept when the same chain is loaded again.</summary>
    public void Reset(ulong epoch, ulong chainId)
    {
        if (chainId != ChainId) Planner.Forget();
        ChainId = chainId;
        Epoch = epoch;
        Loaded = false;
        Array.Clear(Placement);
        Array.Fill(Subtrees, TrieSubtree.Empty);
        Code.Clear();
        HashList.Clear();
        StateRoot = PatriciaTrie.EmptyRoot;
        LastNumber = -1;
        LastHash = default;
        BlocksExecuted = 0;
    }

    public Hash256 ComposeRoot() =>
        TrieComposer.ComposeRoot(Enumerable.Range(0, ShardKeys.ShardCount).ToDictionary(s => s, s => Subtrees[s]), ShardKeys.PrefixNibbles);
}
