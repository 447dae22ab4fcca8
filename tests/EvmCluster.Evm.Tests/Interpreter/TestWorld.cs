using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>
/// A dictionary-backed pre-state: accounts, code by keccak hash and storage. A transaction's write set
/// can be applied to it so the next transaction starts from the result.
/// </summary>
public sealed class TestWorld : IStateReader
{
    private readonly Dictionary<Address, AccountRecord> _accounts = [];
    private readonly Dictionary<Hash256, byte[]> _code = [];
    private readonly Dictionary<StorageCell, UInt256> _storage = [];

    public void SetAccount(Address address, AccountRecord account) => _accounts[address] = account;

    /// <summary>Puts <paramref name="code"/> at <paramref name="address"/> (nonce 1, as a deployed contract has since EIP-161).</summary>
    public void SetCode(Address address, byte[] code, UInt256 balance = default, ulong nonce = 1)
    {
        Hash256 hash = Keccak256.Compute(code);
        _code[hash] = code;
        _accounts[address] = new AccountRecord(nonce, balance, hash);
    }

    public void SetBalance(Address address, UInt256 balance)
    {
        AccountRecord current = _accounts.TryGetValue(address, out AccountRecord a) ? a : AccountRecord.Empty;
        _accounts[address] = current with { Balance = balance };
    }

    public void SetStorage(Address address, UInt256 slot, UInt256 value)
    {
        var cell = new StorageCell(address, in slot);
        if (value.IsZero) _storage.Remove(cell);
        else _storage[cell] = value;
    }

    public AccountRecord? Account(Address address) => _accounts.TryGetValue(address, out AccountRecord a) ? a : null;

    public UInt256 Storage(Address address, UInt256 slot) => GetStorage(address, in slot);

    public byte[] CodeAt(Address address) =>
        _accounts.TryGetValue(address, out AccountRecord a) && a.HasCode ? _code[a.CodeHash] : [];

    /// <summary>Applies a transaction's write set: deleted accounts lose their storage, then slots and new code are written.</summary>
    public void Apply(StateChanges changes)
    {
        foreach (KeyValuePair<Hash256, byte[]> code in changes.NewCode) _code[code.Key] = code.Value;
        foreach (AccountWrite write in changes.Accounts)
        {
            if (write.IsDeleted)
            {
                _accounts.Remove(write.Address);
                foreach (StorageCell cell in _storage.Keys.Where(c => c.Address == write.Address).ToList()) _storage.Remove(cell);
            }
            else
            {
                _accounts[write.Address] = write.Record;
            }
        }
        foreach (StorageWrite write in changes.Storage) SetStorage(write.Cell.Address, write.Cell.Slot, write.Value);
    }

    public bool TryGetAccount(Address address, out AccountRecord account) => _accounts.TryGetValue(address, out account);

    public UInt256 GetStorage(Address address, in UInt256 slot) =>
        _storage.TryGetValue(new StorageCell(address, in slot), out UInt256 value) ? value : UInt256.Zero;

    public byte[] GetCode(in Hash256 codeHash) =>
        _code.TryGetValue(codeHash, out byte[]? code) ? code : throw new KeyNotFoundException($"no code with hash {codeHash}");

    public bool HasStorage(Address address) => _storage.Keys.Any(c => c.Address == address);
}
