using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.State;

/// <summary>The secure Merkle-Patricia state root of a whole in-memory state, built from scratch.</summary>
public static class StateRootCalculator
{
    public static Hash256 Compute(InMemoryState state)
    {
        var entries = new List<(byte[] Key, byte[] Value)>(state.Accounts.Count);
        Span<byte> balance = stackalloc byte[32];
        foreach (var (address, account) in state.Accounts)
        {
            Hash256 storageRoot = StorageRoot(state.StorageOf(address));
            account.Balance.ToBigEndian(balance);
            entries.Add((HashedKey(address), RlpEncoding.EncodeAccount(account.Nonce, balance, storageRoot, account.CodeHash)));
        }
        return PatriciaTrie.ComputeRoot(entries);
    }

    public static Hash256 StorageRoot(IReadOnlyDictionary<UInt256, UInt256> storage)
    {
        if (storage.Count == 0) return PatriciaTrie.EmptyRoot;
        var entries = new List<(byte[] Key, byte[] Value)>(storage.Count);
        foreach (var (slot, value) in storage)
        {
            if (value.IsZero) continue;
            entries.Add((HashedKey(in slot), RlpEncoding.EncodeUInt(value.ToBigEndian())));
        }
        return PatriciaTrie.ComputeRoot(entries);
    }

    public static byte[] HashedKey(Address address)
    {
        Span<byte> raw = stackalloc byte[Address.Size];
        address.WriteTo(raw);
        var key = new byte[32];
        Keccak256.Compute(raw, key);
        return key;
    }

    public static byte[] HashedKey(in UInt256 slot)
    {
        Span<byte> raw = stackalloc byte[32];
        slot.ToBigEndian(raw);
        var key = new byte[32];
        Keccak256.Compute(raw, key);
        return key;
    }
}
