using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.Parallel;

public enum StaleRead : byte
{
    None,
    Account,
    Storage,
    StoragePresence,
    /// <summary>The fee recipient's balance was read: its deferred credits make any speculative value stale.</summary>
    FeeRecipient,
}

/// <summary>
/// Transaction k's speculative run is valid if every value it read equals the value at its position
/// in block order: <paramref name="state"/> is the exact state after transactions 0..k-1.
/// </summary>
public static class ReadSetValidator
{
    /// <summary>
    /// Why a speculative outcome (run with deferred credits) does not hold at its position in block
    /// order, if it does not: a deferred transfer to an account that has code there, a read of the fee
    /// recipient, or any value read that differs in <paramref name="state"/>. <paramref name="unwritten"/>, when
    /// given, names storage cells that nothing in the block has written so far: their value is the pre-block
    /// one, which is what the transaction read, so they need no look-up in <paramref name="state"/>.
    /// </summary>
    public static StaleRead Check(StateChanges reads, Evm.Transactions.TransactionResult result, IStateReader state, Address feeRecipient,
        Func<StorageCell, bool>? unwritten = null)
    {
        if (result.DeferredRecipient is { } recipient && state.TryGetAccount(recipient, out AccountRecord account) && account.HasCode)
            return StaleRead.Account;
        if (reads.AccountReads.ContainsKey(feeRecipient)) return StaleRead.FeeRecipient;
        return FindStale(reads, state, unwritten);
    }

    public static StaleRead FindStale(StateChanges reads, IStateReader state, Func<StorageCell, bool>? unwritten = null)
    {
        foreach (var (address, seen) in reads.AccountReads)
        {
            bool exists = state.TryGetAccount(address, out AccountRecord now);
            if (exists != seen.HasValue || (exists && now != seen!.Value)) return StaleRead.Account;
        }
        foreach (var (cell, seen) in reads.StorageReads)
        {
            if (unwritten is not null && unwritten(cell)) continue;
            if (state.GetStorage(cell.Address, in cell.Slot) != seen) return StaleRead.Storage;
        }
        foreach (var (address, seen) in reads.StoragePresenceReads)
        {
            if (state.HasStorage(address) != seen) return StaleRead.StoragePresence;
        }
        return StaleRead.None;
    }
}
