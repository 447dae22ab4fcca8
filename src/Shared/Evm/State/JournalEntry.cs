using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

internal enum JournalKind : byte
{
    Account,
    Storage,
    Transient,
    WarmAddress,
    WarmSlot,
    Touch,
    Destruct,
    Created,
    Refund,
}

/// <summary>One undo record: what a change replaced, so a reverted call frame can be rolled back.</summary>
internal readonly struct JournalEntry
{
    public readonly JournalKind Kind;
    public readonly Address Address;
    public readonly UInt256 Slot;
    public readonly UInt256 PreviousValue;
    public readonly bool HadPrevious;
    public readonly AccountSnapshot PreviousAccount;
    public readonly long PreviousRefund;

    private JournalEntry(JournalKind kind, Address address, in UInt256 slot, in UInt256 previousValue, bool hadPrevious,
        in AccountSnapshot previousAccount, long previousRefund)
    {
        Kind = kind;
        Address = address;
        Slot = slot;
        PreviousValue = previousValue;
        HadPrevious = hadPrevious;
        PreviousAccount = previousAccount;
        PreviousRefund = previousRefund;
    }

    public static JournalEntry ForAccount(Address address, in AccountSnapshot previous) =>
        new(JournalKind.Account, address, default, default, true, previous, 0);

    public static JournalEntry ForSlot(JournalKind kind, in StorageCell cell, in UInt256 previous, bool hadPrevious) =>
        new(kind, cell.Address, cell.Slot, previous, hadPrevious, default, 0);

    public static JournalEntry ForAddress(JournalKind kind, Address address) =>
        new(kind, address, default, default, false, default, 0);

    public static JournalEntry ForWarmSlot(in StorageCell cell) =>
        new(JournalKind.WarmSlot, cell.Address, cell.Slot, default, false, default, 0);

    public static JournalEntry ForRefund(long previous) =>
        new(JournalKind.Refund, default, default, default, false, default, previous);
}
