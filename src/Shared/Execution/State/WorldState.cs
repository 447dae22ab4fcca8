using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.State;

/// <summary>The committed state between blocks: a flat in-memory state plus its incrementally hashed trie.</summary>
public sealed class WorldState : IStateReader
{
    public InMemoryState Flat { get; }
    private readonly StateTrie _trie;

    public WorldState(InMemoryState flat)
    {
        Flat = flat;
        _trie = StateTrie.Build(flat);
    }

    /// <summary>The state root, computed with every core (loading a state; see <see cref="ComputeStateRoot"/> for a block's).</summary>
    public Hash256 StateRoot => _trie.RootHash(Environment.ProcessorCount);

    /// <summary>The state root after the committed blocks, re-hashing what changed on up to <paramref name="threads"/> threads.</summary>
    public Hash256 ComputeStateRoot(int threads) => _trie.RootHash(threads);

    /// <summary>The account trie below a key prefix all accounts share (see <see cref="Trie.PatriciaTrie.SubtreeBelow"/>).</summary>
    public Trie.TrieSubtree AccountSubtree(int prefixNibbles) => _trie.AccountSubtree(prefixNibbles);

    /// <summary>
    /// Makes a block's writes part of the committed state. With two or more <paramref name="threads"/> the flat
    /// state and the trie's pending changes, which share nothing, are written side by side.
    /// </summary>
    public void Commit(BlockState block, int threads = 1)
    {
        // Accounts whose storage changed but whose record did not: the trie re-encodes them (new storage root)
        // with the record read here, before the flat state is written.
        var storageOnly = new List<(Address, AccountRecord)>();
        foreach (var (address, _) in block.Storage)
        {
            if (!block.Accounts.ContainsKey(address) && Flat.TryGetAccount(address, out AccountRecord record))
                storageOnly.Add((address, record));
        }
        if (threads > 1 && block.Accounts.Count + block.Storage.Count >= MinAccountsForThreads)
            Threading.Parallelism.For(2, 2, part => { if (part == 0) CommitFlat(block); else CommitTrie(block, storageOnly); });
        else
        {
            CommitFlat(block);
            CommitTrie(block, storageOnly);
        }
    }

    /// <summary>Below this many changed accounts, waking a second thread costs more than it saves.</summary>
    private const int MinAccountsForThreads = 1024;

    private void CommitFlat(BlockState block)
    {
        foreach (var (hash, code) in block.Code) Flat.AddCode(hash, code);
        foreach (Address address in block.StorageCleared) Flat.ClearStorage(address);
        foreach (var (address, slots) in block.Storage)
        {
            foreach (var (slot, value) in slots) Flat.SetStorage(address, slot, value);
        }
        foreach (var (address, account) in block.Accounts)
        {
            if (account is { } record) Flat.SetAccount(address, record);
            else Flat.RemoveAccount(address);
        }
    }

    private void CommitTrie(BlockState block, List<(Address Address, AccountRecord Record)> storageOnly)
    {
        foreach (Address address in block.StorageCleared) _trie.ClearStorage(address);
        foreach (var (address, slots) in block.Storage)
        {
            foreach (var (slot, value) in slots) _trie.SetStorage(address, slot, value);
        }
        foreach (var (address, account) in block.Accounts) _trie.SetAccount(address, account);
        foreach (var (address, record) in storageOnly) _trie.SetAccount(address, record);
    }

    public bool TryGetAccount(Address address, out AccountRecord account) => Flat.TryGetAccount(address, out account);
    public UInt256 GetStorage(Address address, in UInt256 slot) => Flat.GetStorage(address, in slot);
    public byte[] GetCode(in Hash256 codeHash) => Flat.GetCode(in codeHash);
    public bool HasStorage(Address address) => Flat.HasStorage(address);
}
