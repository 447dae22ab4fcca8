using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

/// <summary>How an account left the state, if it did: SELFDESTRUCT and EIP-161 cleanup are different writes.</summary>
public enum AccountDeletion : byte
{
    None,
    Destroyed,
    Emptied,
}

/// <summary>The final value of one account after a transaction; a deleted account also loses its storage.</summary>
public readonly record struct AccountWrite(Address Address, AccountRecord Record, AccountDeletion Deletion)
{
    public bool IsDeleted => Deletion != AccountDeletion.None;
}

/// <summary>The final value of one storage slot after a transaction.</summary>
public readonly record struct StorageWrite(StorageCell Cell, UInt256 Value);

/// <summary>
/// A transaction's effect and what it depended on: the write set to apply on top of its pre-state
/// and the read set (every pre-state value it observed), which the parallel executors validate.
/// </summary>
public sealed class StateChanges
{
    public List<AccountWrite> Accounts { get; } = [];
    public List<StorageWrite> Storage { get; } = [];
    public Dictionary<Hash256, byte[]> NewCode { get; } = [];

    /// <summary>Accounts read from the pre-state: null when the account did not exist.</summary>
    public Dictionary<Address, AccountRecord?> AccountReads { get; } = [];
    public Dictionary<StorageCell, UInt256> StorageReads { get; } = [];
    /// <summary>Whether an account had any storage, as a CREATE collision check (EIP-7610) saw it.</summary>
    public Dictionary<Address, bool> StoragePresenceReads { get; } = [];

    public void Clear()
    {
        Accounts.Clear();
        Storage.Clear();
        NewCode.Clear();
        AccountReads.Clear();
        StorageReads.Clear();
        StoragePresenceReads.Clear();
    }
}
