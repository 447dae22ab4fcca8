using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.State;

/// <summary>
/// The running state of a block over its pre-block state: every committed transaction's writes,
/// served as the next transaction's pre-state. Deleted accounts lose their pre-block storage.
/// Nothing reaches the world state until the block commits, so a rejected block leaves no trace.
/// </summary>
public sealed class BlockState : IStateReader
{
    private readonly IStateReader _base;
    private readonly Dictionary<Address, AccountRecord?> _accounts = [];
    private readonly Dictionary<Address, Dictionary<UInt256, UInt256>> _storage = [];
    private readonly HashSet<Address> _storageCleared = [];
    private readonly Dictionary<Hash256, byte[]> _code = [];

    public BlockState(IStateReader preBlockState) => _base = preBlockState;

    public IStateReader Base => _base;

    /// <summary>Accounts written in the block: null means deleted.</summary>
    public IReadOnlyDictionary<Address, AccountRecord?> Accounts => _accounts;
    public IReadOnlyDictionary<Address, Dictionary<UInt256, UInt256>> Storage => _storage;
    /// <summary>Accounts whose pre-block storage is gone (destroyed or emptied in the block).</summary>
    public IReadOnlySet<Address> StorageCleared => _storageCleared;
    public IReadOnlyDictionary<Hash256, byte[]> Code => _code;

    public void Apply(StateChanges changes)
    {
        foreach (var (hash, code) in changes.NewCode) _code[hash] = code;
        foreach (AccountWrite write in changes.Accounts)
        {
            if (write.IsDeleted) Delete(write.Address);
            else _accounts[write.Address] = write.Record;
        }
        foreach (StorageWrite write in changes.Storage) SetStorage(write.Cell.Address, write.Cell.Slot, write.Value);
    }

    public void SetAccount(Address address, AccountRecord record) => _accounts[address] = record;

    /// <summary>Writes one storage slot, as <see cref="Apply"/> does, without a change list in between.</summary>
    public void SetStorage(Address address, in UInt256 slot, in UInt256 value)
    {
        if (!_storage.TryGetValue(address, out var slots)) _storage[address] = slots = [];
        slots[slot] = value;
    }

    /// <summary>Ends <paramref name="transaction"/> (EIP-161 cleanup) and applies its writes; <paramref name="scratch"/> receives them.</summary>
    public void Commit(TransactionState transaction, bool clearEmptyAccounts, StateChanges scratch)
    {
        scratch.Clear();
        transaction.Finish(clearEmptyAccounts, scratch);
        Apply(scratch);
    }

    /// <summary>
    /// A protocol credit made directly (deferred fee): creates a missing account; with EIP-161 a zero
    /// credit to an existing empty account deletes it, exactly as a touch would.
    /// </summary>
    public void Credit(Address address, in UInt256 amount, bool clearEmptyAccounts)
    {
        bool exists = TryGetAccount(address, out AccountRecord record);
        if (amount.IsZero)
        {
            if (exists && clearEmptyAccounts && record.IsEmpty) Delete(address);
            return;
        }
        if (!exists) record = AccountRecord.Empty;
        _accounts[address] = record with { Balance = record.Balance + amount };
    }

    /// <summary>
    /// The credits a transaction run with deferred credits left to its committer: the plain transfer's
    /// value to its recipient and the fee to the fee recipient.
    /// </summary>
    public void CreditDeferred(Evm.Transactions.TransactionResult result, in UInt256 value, Address feeRecipient, bool clearEmptyAccounts)
    {
        if (result.DeferredRecipient is { } recipient) Credit(recipient, value, clearEmptyAccounts);
        Credit(feeRecipient, result.FeeCredit, clearEmptyAccounts);
    }

    public void Delete(Address address)
    {
        _accounts[address] = null;
        _storage.Remove(address);
        _storageCleared.Add(address);
    }

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (_accounts.TryGetValue(address, out AccountRecord? written))
        {
            account = written.GetValueOrDefault();
            return written.HasValue;
        }
        return _base.TryGetAccount(address, out account);
    }

    public UInt256 GetStorage(Address address, in UInt256 slot)
    {
        if (_storage.TryGetValue(address, out var slots) && slots.TryGetValue(slot, out UInt256 value)) return value;
        return _storageCleared.Contains(address) ? UInt256.Zero : _base.GetStorage(address, in slot);
    }

    public byte[] GetCode(in Hash256 codeHash) => _code.TryGetValue(codeHash, out byte[]? code) ? code : _base.GetCode(codeHash);

    public bool HasStorage(Address address)
    {
        if (_storage.TryGetValue(address, out var slots))
        {
            foreach (UInt256 value in slots.Values) if (!value.IsZero) return true;
        }
        return !_storageCleared.Contains(address) && _base.HasStorage(address);
    }

    public void Clear()
    {
        _accounts.Clear();
        _storage.Clear();
        _storageCleared.Clear();
        _code.Clear();
    }
}
