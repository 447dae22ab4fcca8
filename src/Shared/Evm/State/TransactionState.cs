using System.Runtime.InteropServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

/// <summary>
/// The journaled world state of one transaction over its pre-state. Every first read of the
/// pre-state is remembered (the read set); changes are journaled so a failed call frame reverts;
/// <see cref="Finish"/> turns what is left into the write set.
/// </summary>
public sealed partial class TransactionState
{
    // RIPEMD-160's touch survives reverts: a consensus quirk kept since mainnet block 2,675,119.
    private static readonly Address Ripemd160Address = Address.FromLowBytes(3);

    private readonly Dictionary<Address, AccountObject> _accounts = [];
    private readonly Dictionary<Address, AccountRecord?> _accountReads = [];
    private readonly Dictionary<Address, bool> _storagePresenceReads = [];
    private readonly Dictionary<StorageCell, UInt256> _storage = [];
    private readonly Dictionary<StorageCell, UInt256> _originalStorage = [];
    private readonly Dictionary<StorageCell, UInt256> _transient = [];
    private readonly HashSet<Address> _warmAddresses = [];
    private readonly HashSet<StorageCell> _warmSlots = [];
    private readonly HashSet<Address> _touched = [];
    private readonly HashSet<Address> _destructed = [];
    private readonly HashSet<Address> _createdInTransaction = [];
    private readonly List<LogEntry> _logs = [];
    private readonly List<JournalEntry> _journal = [];
    private IStateReader _pre;
    private long _refund;

    public TransactionState(IStateReader preState) => _pre = preState;

    /// <summary>Starts a new transaction over <paramref name="preState"/>, reusing this object's collections.</summary>
    public void Reset(IStateReader preState)
    {
        _pre = preState;
        _accounts.Clear();
        _accountReads.Clear();
        _storagePresenceReads.Clear();
        _storage.Clear();
        _originalStorage.Clear();
        _transient.Clear();
        _warmAddresses.Clear();
        _warmSlots.Clear();
        _touched.Clear();
        _destructed.Clear();
        _createdInTransaction.Clear();
        _logs.Clear();
        _journal.Clear();
        _refund = 0;
    }

    public IReadOnlyList<LogEntry> Logs => _logs;
    public long Refund => _refund;

    // ---- accounts -------------------------------------------------------------------------

    private AccountObject Load(Address address)
    {
        ref AccountObject? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, address, out bool found);
        if (found) return slot!;
        var account = new AccountObject();
        if (_pre.TryGetAccount(address, out AccountRecord record))
        {
            account.Exists = true;
            account.Nonce = record.Nonce;
            account.Balance = record.Balance;
            account.CodeHash = record.CodeHash;
            _accountReads[address] = record;
        }
        else
        {
            _accountReads[address] = null;
        }
        slot = account;
        return account;
    }

    private AccountObject Modify(Address address)
    {
        AccountObject account = Load(address);
        _journal.Add(JournalEntry.ForAccount(address, account.Snapshot()));
        account.Dirty = true;
        Touch(address);
        return account;
    }

    public bool AccountExists(Address address) => Load(address).Exists;

    /// <summary>EIP-161 "dead": missing or empty.</summary>
    public bool IsDeadAccount(Address address)
    {
        AccountObject a = Load(address);
        return !a.Exists || a.IsEmpty;
    }

    public bool IsEmptyAccount(Address address)
    {
        AccountObject a = Load(address);
        return a.Exists && a.IsEmpty;
    }

    public UInt256 GetBalance(Address address) => Load(address).Balance;
    public ulong GetNonce(Address address) => Load(address).Nonce;

    /// <summary>Code hash of an existing account; zero for a missing one (EXTCODEHASH's rule).</summary>
    public Hash256 GetCodeHash(Address address)
    {
        AccountObject a = Load(address);
        return a.Exists ? a.CodeHash : Hash256.Zero;
    }

    public byte[] GetCode(Address address)
    {
        AccountObject a = Load(address);
        return a.Code ??= a.CodeHash == Keccak256.OfEmpty ? [] : _pre.GetCode(a.CodeHash);
    }

    /// <summary>
    /// Whether the account has code in the pre-state, without recording a read: only a hint for
    /// choosing a deferred transfer, which the committer re-checks against the real state.
    /// </summary>
    public bool PeekHasCodeUnrecorded(Address address) =>
        _accounts.TryGetValue(address, out AccountObject? loaded)
            ? loaded.CodeHash != Keccak256.OfEmpty
            : _pre.TryGetAccount(address, out AccountRecord record) && record.HasCode;

    public bool HasCodeOrNonce(Address address)
    {
        AccountObject a = Load(address);
        return a.Exists && (a.Nonce != 0 || a.CodeHash != Keccak256.OfEmpty);
    }

    /// <summary>Pre-existing non-zero storage of an account that this transaction has not written.</summary>
    public bool HasPreStorage(Address address)
    {
        if (!Load(address).Exists) return false;
        if (_storagePresenceReads.TryGetValue(address, out bool known)) return known;
        return _storagePresenceReads[address] = _pre.HasStorage(address);
    }

    public void AddBalance(Address address, in UInt256 value)
    {
        if (value.IsZero)
        {
            // A zero credit only touches (EIP-161), and only an empty account cares.
            AccountObject a = Load(address);
            if (!a.Exists || a.IsEmpty) TouchExisting(address, a);
            return;
        }
        AccountObject account = Modify(address);
        account.Exists = true;
        UInt256.Add(in account.Balance, in value, out UInt256 sum);
        account.Balance = sum;
    }

    /// <summary>Debits <paramref name="value"/>; the caller has checked the balance covers it.</summary>
    public void SubtractBalance(Address address, in UInt256 value)
    {
        // A zero debit touches nothing (unlike a zero credit): system calls rely on it.
        if (value.IsZero) return;
        AccountObject account = Modify(address);
        UInt256.Subtract(in account.Balance, in value, out UInt256 difference);
        account.Balance = difference;
    }

    public void SetNonce(Address address, ulong nonce)
    {
        AccountObject account = Modify(address);
        account.Exists = true;
        account.Nonce = nonce;
    }

    /// <summary>Brings a missing account into existence with no nonce, balance or code (a CALL to it).</summary>
    public void EnsureExists(Address address)
    {
        if (Load(address).Exists) return;
        Modify(address).Exists = true;
    }

    public void IncrementNonce(Address address) => SetNonce(address, GetNonce(address) + 1);

    /// <summary>Creates (or resets) an account, keeping any balance already sent to its address.</summary>
    public void CreateAccount(Address address, ulong nonce)
    {
        AccountObject account = Modify(address);
        account.Exists = true;
        account.Nonce = nonce;
        account.CodeHash = Keccak256.OfEmpty;
        account.Code = [];
        if (_createdInTransaction.Add(address)) _journal.Add(JournalEntry.ForAddress(JournalKind.Created, address));
    }

    public void SetCode(Address address, byte[] code)
    {
        AccountObject account = Modify(address);
        account.Code = code;
        account.CodeHash = code.Length == 0 ? Keccak256.OfEmpty : Keccak256.Compute(code);
    }

    public bool IsCreatedInTransaction(Address address) => _createdInTransaction.Contains(address);

    /// <summary>Schedules the account's removal at the end of the transaction (SELFDESTRUCT).</summary>
    public void MarkDestructed(Address address)
    {
        if (_destructed.Add(address)) _journal.Add(JournalEntry.ForAddress(JournalKind.Destruct, address));
    }

    public bool IsDestructed(Address address) => _destructed.Contains(address);

    /// <summary>Marks an account touched for EIP-161 cleanup, creating no account.</summary>
    public void Touch(Address address)
    {
        if (_touched.Add(address) && address != Ripemd160Address)
            _journal.Add(JournalEntry.ForAddress(JournalKind.Touch, address));
    }

    private void TouchExisting(Address address, AccountObject account)
    {
        if (account.Exists) Touch(address);
    }
}
