using System.Collections.Concurrent;
using EvmCluster.Evm.Core;

namespace EvmCluster.Worker.Shards;

/// <summary>
/// What one worker node holds beside its actors: the shards it hosts (so its batches read local
/// pre-block state directly, without messages) and every contract's code (content-addressed and
/// immutable, so each node keeps all of it).
/// </summary>
public sealed class LocalNode
{
    public ConcurrentDictionary<int, (ulong Epoch, ShardState State)> Shards { get; } = new();

    /// <summary>The shard entities running on this node: requests bundled to this node go to them directly, never elsewhere.</summary>
    public ConcurrentDictionary<int, Akka.Actor.IActorRef> Entities { get; } = new();
    public ConcurrentDictionary<Hash256, byte[]> Code { get; } = new();
    public ulong CodeEpoch { get; set; }
}
