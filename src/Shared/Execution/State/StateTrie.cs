using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Threading;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.State;

/// <summary>
/// The secure state trie kept alongside a flat state: one account trie plus a storage trie per
/// account. Changes mark accounts dirty; <see cref="RootHash"/> re-hashes only the changed paths.
/// </summary>
public sealed class StateTrie
{
    private readonly PatriciaTrie _accounts = new();
    private readonly Dictionary<Address, PatriciaTrie> _storage = [];
    private readonly Dictionary<Address, AccountRecord?> _dirty = [];
    /// <summary>Slot writes not yet in their storage trie, per account, in order.</summary>
    private readonly Dictionary<Address, List<(UInt256 Slot, UInt256 Value)>> _pendingSlots = [];

    public static StateTrie Build(InMemoryState state)
    {
        var trie = new StateTrie();
        foreach (var (address, account) in state.Accounts)
        {
            IReadOnlyDictionary<UInt256, UInt256> slots = state.StorageOf(address);
            if (slots.Count > 0)
            {
                var storage = new PatriciaTrie();
                foreach (var (slot, value) in slots) SetSlot(storage, slot, value);
                trie._storage[address] = storage;
            }
            trie._dirty[address] = account;
        }
        return trie;
    }

    public void SetAccount(Address address, AccountRecord? account) => _dirty[address] = account;

    public void ClearStorage(Address address)
    {
        _storage.Remove(address);
        _pendingSlots.Remove(address);
    }

    /// <summary>
    /// Sets a slot of an account whose record is also passed to <see cref="SetAccount"/> (so its root is
    /// refreshed). The write waits, in order, for <see cref="RootHash"/>, which hashes the keys in bulk.
    /// </summary>
    public void SetStorage(Address address, in UInt256 slot, in UInt256 value)
    {
        if (!_pendingSlots.TryGetValue(address, out var pending)) _pendingSlots[address] = pending = [];
        pending.Add((slot, value));
    }

    private static void SetSlot(PatriciaTrie storage, in UInt256 slot, in UInt256 value)
    {
        byte[] key = StateRootCalculator.HashedKey(in slot);
        if (value.IsZero) storage.Delete(key);
        else storage.Set(key, EncodeSlotValue(value));
    }

    private static byte[] EncodeSlotValue(in UInt256 value) => value.IsZero ? [] : RlpEncoding.EncodeUInt(value.ToBigEndian());

    /// <summary>The state root, with the changed accounts, storage tries and trie nodes spread over up to <paramref name="threads"/> threads.</summary>
    public Hash256 RootHash(int threads)
    {
        // Handing a few hundred changes to other threads costs more than it saves.
        if (threads > 1 && _dirty.Count + _pendingSlots.Values.Sum(w => w.Count) < MinChangesForThreads) threads = 1;
        ApplyPendingSlots(threads);
        var dirty = new KeyValuePair<Address, AccountRecord?>[_dirty.Count];
        ((ICollection<KeyValuePair<Address, AccountRecord?>>)_dirty).CopyTo(dirty, 0);
        var keys = new byte[dirty.Length][];
        var values = new byte[dirty.Length][];
        // Storage tries are only read here (their roots are current), so accounts encode independently.
        Parallelism.For(dirty.Length, threads, i =>
        {
            var (address, account) = dirty[i];
            keys[i] = StateRootCalculator.HashedKey(address);
            if (account is not { } record)
            {
                values[i] = [];
                return;
            }
            Hash256 storageRoot = _storage.TryGetValue(address, out PatriciaTrie? storage) ? storage.RootHash(1) : PatriciaTrie.EmptyRoot;
            Span<byte> balance = stackalloc byte[32];
            record.Balance.ToBigEndian(balance);
            values[i] = RlpEncoding.EncodeAccount(record.Nonce, balance, storageRoot, record.CodeHash);
        });
        foreach (var (address, account) in dirty)
        {
            if (account is null) _storage.Remove(address);
        }
        _accounts.SetMany(keys, values, threads);
        _dirty.Clear();
        return _accounts.RootHash(threads);
    }

    /// <summary>
    /// Moves the waiting slot writes into their storage tries and re-hashes those tries: a large batch
    /// (one busy contract) is spread over the threads inside its trie, small ones one trie per thread.
    /// </summary>
    private void ApplyPendingSlots(int threads)
    {
        if (_pendingSlots.Count == 0) return;
        var small = new List<(PatriciaTrie Trie, List<(UInt256 Slot, UInt256 Value)> Writes)>(_pendingSlots.Count);
        foreach (var (address, writes) in _pendingSlots)
        {
            if (!_storage.TryGetValue(address, out PatriciaTrie? storage))
            {
                if (writes.TrueForAll(w => w.Value.IsZero)) continue;
                _storage[address] = storage = new PatriciaTrie();
            }
            if (threads > 1 && writes.Count >= LargeSlotBatch) ApplyLarge(storage, writes, threads);
            else small.Add((storage, writes));
        }
        _pendingSlots.Clear();
        Parallelism.For(small.Count, threads, i =>
        {
            var (storage, writes) = small[i];
            foreach (var (slot, value) in writes) SetSlot(storage, slot, value);
            storage.RootHash(1);
        });
    }

    private const int LargeSlotBatch = 1024;
    private const int MinChangesForThreads = 512;

    private static void ApplyLarge(PatriciaTrie storage, List<(UInt256 Slot, UInt256 Value)> writes, int threads)
    {
        var keys = new byte[writes.Count][];
        var values = new byte[writes.Count][];
        Parallelism.For(writes.Count, threads, i =>
        {
            keys[i] = StateRootCalculator.HashedKey(writes[i].Slot);
            values[i] = EncodeSlotValue(writes[i].Value);
        });
        storage.SetMany(keys, values, threads);
        storage.RootHash(threads);
    }

    /// <summary>The account trie's root node below <paramref name="prefixNibbles"/> nibbles shared by every key (a state shard's piece).</summary>
    public TrieSubtree AccountSubtree(int prefixNibbles)
    {
        RootHash(1);
        return _accounts.SubtreeBelow(prefixNibbles);
    }
}
