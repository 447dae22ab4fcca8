using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.State;

/// <summary>
/// A complete world state held in memory: accounts, their non-zero storage and code by hash.
/// Serves as a transaction's pre-state and takes a transaction's write set.
/// </summary>
public sealed class InMemoryState : IStateReader
{
    private readonly Dictionary<Address, AccountRecord> _accounts;
    private readonly Dictionary<Address, Dictionary<UInt256, UInt256>> _storage;
    private readonly Dictionary<Hash256, byte[]> _code;

    public InMemoryState()
    {
        _accounts = [];
        _storage = [];
        _code = [];
    }

    private InMemoryState(InMemoryState other)
    {
        _accounts = new Dictionary<Address, AccountRecord>(other._accounts);
        _storage = new Dictionary<Address, Dictionary<UInt256, UInt256>>(other._storage.Count);
        foreach (var (address, slots) in other._storage) _storage[address] = new Dictionary<UInt256, UInt256>(slots);
        _code = other._code; // content-addressed and never removed: safe to share
    }

    public InMemoryState Clone() => new(this);

    public IReadOnlyDictionary<Address, AccountRecord> Accounts => _accounts;

    public IReadOnlyDictionary<UInt256, UInt256> StorageOf(Address address) =>
        _storage.TryGetValue(address, out var slots) ? slots : EmptyStorage;

    private static readonly Dictionary<UInt256, UInt256> EmptyStorage = [];

    /// <summary>Adds or replaces an account with its code and storage (zero slots are dropped).</summary>
    public void SetAccount(Address address, ulong nonce, in UInt256 balance, byte[] code, IEnumerable<KeyValuePair<UInt256, UInt256>> storage)
    {
        Hash256 codeHash = code.Length == 0 ? Keccak256.OfEmpty : Keccak256.Compute(code);
        if (code.Length > 0) _code[codeHash] = code;
        _accounts[address] = new AccountRecord(nonce, balance, codeHash);
        _storage.Remove(address);
        foreach (var (slot, value) in storage) SetStorage(address, slot, value);
    }

    public void SetAccount(Address address, AccountRecord record) => _accounts[address] = record;

    public void AddCode(Hash256 hash, byte[] code) => _code[hash] = code;

    public void SetStorage(Address address, in UInt256 slot, in UInt256 value)
    {
        if (value.IsZero)
        {
            if (_storage.TryGetValue(address, out var existing)) existing.Remove(slot);
            return;
        }
        if (!_storage.TryGetValue(address, out var slots)) _storage[address] = slots = [];
        slots[slot] = value;
    }

    public void ClearStorage(Address address) => _storage.Remove(address);

    public void RemoveAccount(Address address)
    {
        _accounts.Remove(address);
        _storage.Remove(address);
    }

    /// <summary>Applies a transaction's write set.</summary>
    public void Apply(StateChanges changes)
    {
        foreach (var (hash, code) in changes.NewCode) _code[hash] = code;
        foreach (AccountWrite write in changes.Accounts)
        {
            if (write.IsDeleted) RemoveAccount(write.Address);
            else _accounts[write.Address] = write.Record;
        }
        foreach (StorageWrite write in changes.Storage) SetStorage(write.Cell.Address, write.Cell.Slot, write.Value);
    }

    public bool TryGetAccount(Address address, out AccountRecord account) => _accounts.TryGetValue(address, out account);

    public UInt256 GetStorage(Address address, in UInt256 slot) =>
        _storage.TryGetValue(address, out var slots) && slots.TryGetValue(slot, out UInt256 value) ? value : UInt256.Zero;

    public byte[] GetCode(in Hash256 codeHash) =>
        _code.TryGetValue(codeHash, out byte[]? code) ? code : throw new KeyNotFoundException($"code {codeHash} is not in the state");

    public bool HasStorage(Address address) => _storage.TryGetValue(address, out var slots) && slots.Count > 0;
}
