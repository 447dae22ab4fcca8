using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Rlp;
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

    public void ClearStorage(Address address) => _storage.Remove(address);

    /// <summary>Sets a slot of an account whose record is also passed to <see cref="SetAccount"/> (so its root is refreshed).</summary>
    public void SetStorage(Address address, in UInt256 slot, in UInt256 value)
    {
        if (!_storage.TryGetValue(address, out PatriciaTrie? storage))
        {
            if (value.IsZero) return;
            _storage[address] = storage = new PatriciaTrie();
        }
        SetSlot(storage, slot, value);
    }

    private static void SetSlot(PatriciaTrie storage, in UInt256 slot, in UInt256 value)
    {
        byte[] key = StateRootCalculator.HashedKey(in slot);
        if (value.IsZero) storage.Delete(key);
        else storage.Set(key, RlpEncoding.EncodeUInt(value.ToBigEndian()));
    }

    public Hash256 RootHash()
    {
        Span<byte> balance = stackalloc byte[32];
        foreach (var (address, account) in _dirty)
        {
            byte[] key = StateRootCalculator.HashedKey(address);
            if (account is not { } record)
            {
                _accounts.Delete(key);
                _storage.Remove(address);
                continue;
            }
            Hash256 storageRoot = _storage.TryGetValue(address, out PatriciaTrie? storage) ? storage.RootHash() : PatriciaTrie.EmptyRoot;
            record.Balance.ToBigEndian(balance);
            _accounts.Set(key, RlpEncoding.EncodeAccount(record.Nonce, balance, storageRoot, record.CodeHash));
        }
        _dirty.Clear();
        return _accounts.RootHash();
    }

    /// <summary>The account trie's root node below <paramref name="prefixNibbles"/> nibbles shared by every key (a state shard's piece).</summary>
    public TrieSubtree AccountSubtree(int prefixNibbles)
    {
        RootHash();
        return _accounts.SubtreeBelow(prefixNibbles);
    }
}
