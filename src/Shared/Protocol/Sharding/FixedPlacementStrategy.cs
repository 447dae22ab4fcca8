using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace EvmCluster.Protocol.Sharding;

/// <summary>
/// Places each new shard on the worker holding the fewest, and never moves a shard afterwards: a
/// shard's state lives only in its entity's memory, and sharding would not carry it along.
/// </summary>
public sealed class FixedPlacementStrategy : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        IActorRef least = currentShardAllocations
            .OrderBy(a => a.Value.Count)
            .ThenBy(a => a.Key.Path.ToString(), StringComparer.Ordinal)
            .First().Key;
        return Task.FromResult(least);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
}
