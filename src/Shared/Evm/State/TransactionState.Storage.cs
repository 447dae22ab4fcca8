using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

public sealed partial class TransactionState
{
    /// <summary>The slot's value when the transaction started (SSTORE gas depends on it, so it is a read).</summary>
    public UInt256 GetOriginalStorage(in StorageCell cell)
    {
        if (_originalStorage.TryGetValue(cell, out UInt256 value)) return value;
        value = _pre.GetStorage(cell.Address, in cell.Slot);
        _originalStorage[cell] = value;
        return value;
    }

    public UInt256 GetStorage(in StorageCell cell) =>
        _storage.TryGetValue(cell, out UInt256 value) ? value : GetOriginalStorage(in cell);

    public void SetStorage(in StorageCell cell, in UInt256 value)
    {
        bool had = _storage.TryGetValue(cell, out UInt256 previous);
        _journal.Add(JournalEntry.ForSlot(JournalKind.Storage, in cell, in previous, had));
        _storage[cell] = value;
    }

    public UInt256 GetTransientStorage(in StorageCell cell) =>
        _transient.TryGetValue(cell, out UInt256 value) ? value : UInt256.Zero;

    public void SetTransientStorage(in StorageCell cell, in UInt256 value)
    {
        bool had = _transient.TryGetValue(cell, out UInt256 previous);
        _journal.Add(JournalEntry.ForSlot(JournalKind.Transient, in cell, in previous, had));
        _transient[cell] = value;
    }

    // ---- EIP-2929 access lists ------------------------------------------------------------

    /// <summary>Warms an address; true if it was cold.</summary>
    public bool WarmUp(Address address)
    {
        if (!_warmAddresses.Add(address)) return false;
        _journal.Add(JournalEntry.ForAddress(JournalKind.WarmAddress, address));
        return true;
    }

    /// <summary>Warms a storage slot; true if it was cold.</summary>
    public bool WarmUp(in StorageCell cell)
    {
        if (!_warmSlots.Add(cell)) return false;
        _journal.Add(JournalEntry.ForWarmSlot(in cell));
        return true;
    }

    public bool IsWarm(Address address) => _warmAddresses.Contains(address);

    // ---- refunds and logs -----------------------------------------------------------------

    public void AddRefund(long amount)
    {
        _journal.Add(JournalEntry.ForRefund(_refund));
        _refund += amount;
    }

    public void AddLog(LogEntry log) => _logs.Add(log);

    // ---- snapshots ------------------------------------------------------------------------

    /// <summary>A point to revert to: journal and log positions packed into one value.</summary>
    public long Snapshot() => ((long)_logs.Count << 32) | (uint)_journal.Count;

    public void Revert(long snapshot)
    {
        int journalCount = (int)(uint)snapshot;
        int logCount = (int)(snapshot >> 32);
        for (int i = _journal.Count - 1; i >= journalCount; i--) Undo(_journal[i]);
        _journal.RemoveRange(journalCount, _journal.Count - journalCount);
        _logs.RemoveRange(logCount, _logs.Count - logCount);
    }

    private void Undo(in JournalEntry e)
    {
        switch (e.Kind)
        {
            case JournalKind.Account:
                _accounts[e.Address].Restore(in e.PreviousAccount);
                break;
            case JournalKind.Storage:
                if (e.HadPrevious) _storage[new StorageCell(e.Address, e.Slot)] = e.PreviousValue;
                else _storage.Remove(new StorageCell(e.Address, e.Slot));
                break;
            case JournalKind.Transient:
                if (e.HadPrevious) _transient[new StorageCell(e.Address, e.Slot)] = e.PreviousValue;
                else _transient.Remove(new StorageCell(e.Address, e.Slot));
                break;
            case JournalKind.WarmAddress: _warmAddresses.Remove(e.Address); break;
            case JournalKind.WarmSlot: _warmSlots.Remove(new StorageCell(e.Address, e.Slot)); break;
            case JournalKind.Touch: _touched.Remove(e.Address); break;
            case JournalKind.Destruct: _destructed.Remove(e.Address); break;
            case JournalKind.Created: _createdInTransaction.Remove(e.Address); break;
            case JournalKind.Refund: _refund = e.PreviousRefund; break;
        }
    }
}
