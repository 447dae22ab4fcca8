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
}

/// <summary>
/// Transaction k's speculative run is valid if every value it read equals the value at its position
/// in block order: <paramref name="state"/> is the exact state after transactions 0..k-1.
/// </summary>
public static class ReadSetValidator
{
    public static StaleRead FindStale(StateChanges reads, IStateReader state)
    {
        foreach (var (address, seen) in reads.AccountReads)
        {
            bool exists = state.TryGetAccount(address, out AccountRecord now);
            if (exists != seen.HasValue || (exists && now != seen!.Value)) return StaleRead.Account;
        }
        foreach (var (cell, seen) in reads.StorageReads)
        {
            if (state.GetStorage(cell.Address, in cell.Slot) != seen) return StaleRead.Storage;
        }
        foreach (var (address, seen) in reads.StoragePresenceReads)
        {
            if (state.HasStorage(address) != seen) return StaleRead.StoragePresence;
        }
        return StaleRead.None;
    }
}
