using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using EvmCluster.Protocol.Sharding;

namespace EvmCluster.Worker.Shards;

/// <summary>
/// One state shard: the accounts (with storage) whose hashed address starts with the shard's prefix,
/// their trie, and a block's staged writes. Reads always see the committed state: while a block is
/// staged they are not served (the coordinator never asks). Staging again replaces the earlier
/// staging; finishing either keeps the writes or restores the committed state exactly.
/// </summary>
public sealed class ShardState
{
    private readonly InMemoryState _flat = new();
    private WorldState? _world;
    private BlockState? _undo;
    private Hash256? _stagedBlock;

    public ShardState(int shard) => Shard = shard;

    public int Shard { get; }
    public InMemoryState Flat => _flat;
    public int AccountCount => _flat.Accounts.Count;
    public bool IsStaged => _stagedBlock is not null;

    /// <summary>Adds genesis accounts; call <see cref="Subtree"/> (or stage) afterwards to hash them.</summary>
    public void Load(IEnumerable<Address> addresses, InMemoryState source)
    {
        foreach (Address address in addresses)
        {
            if (ShardKeys.ShardOf(address) != Shard) throw new InvalidOperationException($"account {address} does not belong to shard {Shard}");
            source.TryGetAccount(address, out AccountRecord record);
            _flat.SetAccount(address, record);
            foreach (var (slot, value) in source.StorageOf(address)) _flat.SetStorage(address, slot, value);
        }
        // The trie is built once loading is done.
        _world = null;
    }

    private WorldState World => _world ??= new WorldState(_flat);

    public TrieSubtree Subtree() => World.AccountSubtree(ShardKeys.PrefixNibbles);

    /// <summary>Applies a block's final writes for this shard (replacing an earlier staging of the same block) and returns the new subtree.</summary>
    public TrieSubtree Stage(Hash256 block, BlockState writes)
    {
        if (_stagedBlock is { } staged && staged != block) throw new InvalidOperationException($"shard {Shard} has block {staged} staged, not {block}");
        if (_undo is not null) World.Commit(_undo);
        _undo = UndoOf(writes);
        World.Commit(writes);
        _stagedBlock = block;
        return Subtree();
    }

    /// <summary>
    /// Keeps or drops the staged writes. A drop restores the values at once; the trie paths it touches
    /// are re-hashed only when a subtree is next asked for (usually with the next block's writes).
    /// </summary>
    public void Finish(Hash256 block, bool commit)
    {
        if (_stagedBlock is { } staged && staged != block) throw new InvalidOperationException($"shard {Shard} has block {staged} staged, not {block}");
        if (!commit && _undo is not null) World.Commit(_undo);
        _undo = null;
        _stagedBlock = null;
    }

    /// <summary>The writes that restore today's values of everything <paramref name="writes"/> touches.</summary>
    private BlockState UndoOf(BlockState writes)
    {
        var undo = new BlockState(_flat);
        foreach (Address address in writes.StorageCleared)
        {
            undo.Delete(address);
            foreach (var (slot, value) in _flat.StorageOf(address)) undo.SetStorage(address, slot, value);
        }
        foreach (var (address, written) in writes.Storage)
        {
            foreach (var (slot, _) in written) undo.SetStorage(address, slot, _flat.GetStorage(address, slot));
        }
        foreach (Address address in writes.Accounts.Keys.Concat(writes.StorageCleared).Concat(writes.Storage.Keys).Distinct())
        {
            if (_flat.TryGetAccount(address, out AccountRecord old)) undo.SetAccount(address, old);
            else if (!writes.StorageCleared.Contains(address)) undo.Delete(address);
        }
        return undo;
    }
}
