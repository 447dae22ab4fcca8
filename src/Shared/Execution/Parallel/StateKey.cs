using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Parallel;

public enum StateKeyKind : byte
{
    /// <summary>An account's basic record (nonce, balance, code hash) or its absence.</summary>
    Account,
    /// <summary>One storage slot.</summary>
    Storage,
    /// <summary>The moment an account lost all its storage (destroyed or emptied): older slot values no longer count.</summary>
    StorageCleared,
}

/// <summary>A unit of state that transactions read and write, as multi-version memory keys it.</summary>
public readonly record struct StateKey(StateKeyKind Kind, Address Address, UInt256 Slot)
{
    public static StateKey Account(Address address) => new(StateKeyKind.Account, address, default);
    public static StateKey Storage(Address address, in UInt256 slot) => new(StateKeyKind.Storage, address, slot);
    public static StateKey Cleared(Address address) => new(StateKeyKind.StorageCleared, address, default);

    public bool Equals(StateKey other) => Kind == other.Kind && Address == other.Address && Slot == other.Slot;

    public override int GetHashCode() => Address.GetHashCode() ^ (int)Kind ^ (int)Slot.U0 ^ (int)(Slot.U0 >> 32) ^ (int)Slot.U1 ^ (int)Slot.U3;
}
