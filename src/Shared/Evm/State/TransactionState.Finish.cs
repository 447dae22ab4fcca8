using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

public sealed partial class TransactionState
{
    /// <summary>
    /// Ends the transaction: applies SELFDESTRUCT removals and (with EIP-161) removes touched empty
    /// accounts, then writes the transaction's write set and read set into <paramref name="changes"/>.
    /// </summary>
    public void Finish(bool clearEmptyAccounts, StateChanges changes)
    {
        foreach (KeyValuePair<Address, AccountObject> pair in _accounts)
        {
            Address address = pair.Key;
            AccountObject account = pair.Value;
            if (_destructed.Contains(address))
            {
                changes.Accounts.Add(new AccountWrite(address, AccountRecord.Empty, AccountDeletion.Destroyed));
                continue;
            }
            if (clearEmptyAccounts && account.Exists && account.IsEmpty && _touched.Contains(address))
            {
                changes.Accounts.Add(new AccountWrite(address, AccountRecord.Empty, AccountDeletion.Emptied));
                continue;
            }
            if (!account.Dirty || !account.Exists) continue;
            changes.Accounts.Add(new AccountWrite(address, account.ToRecord(), AccountDeletion.None));
            if (account.Code is { Length: > 0 } code && _createdInTransaction.Contains(address))
                changes.NewCode[account.CodeHash] = code;
        }

        foreach (KeyValuePair<StorageCell, UInt256> pair in _storage)
        {
            Address address = pair.Key.Address;
            if (_destructed.Contains(address)) continue;
            AccountObject account = _accounts[address];
            if (clearEmptyAccounts && account.Exists && account.IsEmpty && _touched.Contains(address)) continue;
            if (_originalStorage.TryGetValue(pair.Key, out UInt256 original) && original == pair.Value) continue;
            changes.Storage.Add(new StorageWrite(pair.Key, pair.Value));
        }

        foreach (KeyValuePair<Address, AccountRecord?> read in _accountReads) changes.AccountReads[read.Key] = read.Value;
        foreach (KeyValuePair<StorageCell, UInt256> read in _originalStorage) changes.StorageReads[read.Key] = read.Value;
        foreach (KeyValuePair<Address, bool> read in _storagePresenceReads) changes.StoragePresenceReads[read.Key] = read.Value;
    }
}
