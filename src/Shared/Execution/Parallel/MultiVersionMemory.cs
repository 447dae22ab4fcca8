using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.Parallel;

/// <summary>
/// Every transaction's latest writes, by key and transaction index, so a speculative execution of
/// transaction j reads what the transactions before j wrote (the highest index below j). Values
/// here are hints: the committer validates every read against the exact block state, so a stale or
/// speculative value can only cause a re-execution, never a wrong result.
/// </summary>
public sealed class MultiVersionMemory
{
    private readonly VersionTable _versions;
    private readonly ConcurrentDictionary<Hash256, byte[]> _code = new();
    /// <summary>Each index's last published keys; an index is only ever published by one thread at a time.</summary>
    private readonly StateKey[]?[] _writtenKeys;
    [ThreadStatic]
    private static List<StateKey>? t_keys;
    // Most blocks delete no account: skip the clear-marker look-up on every storage read until one does.
    private volatile bool _anyCleared;

    /// <param name="indices">How many indices will publish (transactions plus the block's index 0).</param>
    /// <param name="expectedKeys">Sizing hint (about three keys per transaction), to avoid rehashing under load.</param>
    public MultiVersionMemory(int indices, int expectedKeys)
    {
        _writtenKeys = new StateKey[]?[indices];
        _versions = new VersionTable(expectedKeys);
    }

    public bool TryReadAccount(Address address, int tx, out AccountRecord? account)
    {
        account = null;
        if (_versions.Find(StateKey.Account(address))?.Latest(tx) is not { } latest) return false;
        account = latest.Account;
        return true;
    }

    /// <summary>A slot as transaction <paramref name="tx"/> would see it, if any earlier transaction wrote or cleared it.</summary>
    public bool TryReadStorage(Address address, in UInt256 slot, int tx, out UInt256 value)
    {
        value = default;
        int written = -1, cleared = -1;
        if (_versions.Find(StateKey.Storage(address, slot))?.Latest(tx) is { } latest)
        {
            written = latest.Tx;
            value = latest.Value;
        }
        if (_anyCleared) cleared = _versions.Find(StateKey.Cleared(address))?.Latest(tx)?.Tx ?? -1;
        if (cleared > written)
        {
            value = default;
            return true;
        }
        return written >= 0;
    }

    /// <summary>
    /// Whether no index has ever published a write to <paramref name="cell"/> and no account has lost its storage:
    /// the cell still holds its pre-block value, provided every committed transaction's final writes were
    /// published here (the parallel executor's rule until it falls back to sequential execution).
    /// </summary>
    public bool NeverWritten(StorageCell cell) => !_anyCleared && _versions.Find(StateKey.Storage(cell.Address, cell.Slot)) is null;

    public bool WasClearedBefore(Address address, int tx) =>
        _anyCleared && _versions.Find(StateKey.Cleared(address))?.Latest(tx) is not null;

    public byte[]? TryGetCode(in Hash256 hash) => _code.TryGetValue(hash, out byte[]? code) ? code : null;

    /// <summary>Replaces transaction <paramref name="tx"/>'s writes with <paramref name="changes"/> (code first, so readers of a new code hash find it).</summary>
    public void Publish(int tx, StateChanges changes)
    {
        foreach (var (hash, code) in changes.NewCode) _code.TryAdd(hash, code);
        List<StateKey> keys = t_keys ??= [];
        keys.Clear();
        foreach (AccountWrite write in changes.Accounts)
        {
            Set(StateKey.Account(write.Address), tx, write.IsDeleted ? null : write.Record, default, keys);
            if (write.IsDeleted)
            {
                Set(StateKey.Cleared(write.Address), tx, null, default, keys);
                _anyCleared = true;
            }
        }
        foreach (StorageWrite write in changes.Storage) Set(StateKey.Storage(write.Cell.Address, write.Cell.Slot), tx, null, write.Value, keys);

        StateKey[] now = keys.ToArray();
        if (_writtenKeys[tx] is { } before)
        {
            foreach (StateKey stale in before)
                if (Array.IndexOf(now, stale) < 0) _versions.Find(stale)?.Remove(tx);
        }
        _writtenKeys[tx] = now;
    }

    private void Set(StateKey key, int tx, AccountRecord? account, in UInt256 value, List<StateKey> keys)
    {
        _versions.GetOrAdd(key).Set(tx, account, value);
        keys.Add(key);
    }
}
