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
    /// <summary>
    /// Writes to one key, sorted by transaction index; a deleted account is a null record. Most keys
    /// have one writer, so the first version lives inline and a list exists only for more.
    /// </summary>
    private sealed class Versions
    {
        private (int Tx, AccountRecord? Account, UInt256 Value) _first = (-1, null, default);
        private List<(int Tx, AccountRecord? Account, UInt256 Value)>? _more;

        public void Set(int tx, AccountRecord? account, in UInt256 value)
        {
            lock (this)
            {
                if (_more is null && (_first.Tx < 0 || _first.Tx == tx))
                {
                    _first = (tx, account, value);
                    return;
                }
                _more ??= [_first];
                int i = _more.Count - 1;
                while (i >= 0 && _more[i].Tx > tx) i--;
                if (i >= 0 && _more[i].Tx == tx) _more[i] = (tx, account, value);
                else _more.Insert(i + 1, (tx, account, value));
            }
        }

        public void Remove(int tx)
        {
            lock (this)
            {
                if (_more is null)
                {
                    if (_first.Tx == tx) _first = (-1, null, default);
                    return;
                }
                int i = _more.FindIndex(e => e.Tx == tx);
                if (i >= 0) _more.RemoveAt(i);
            }
        }

        /// <summary>The write with the highest index below <paramref name="tx"/>, or index -1.</summary>
        public (int Tx, AccountRecord? Account, UInt256 Value) Latest(int tx)
        {
            lock (this)
            {
                if (_more is null) return _first.Tx >= 0 && _first.Tx < tx ? _first : (-1, null, default);
                for (int i = _more.Count - 1; i >= 0; i--)
                    if (_more[i].Tx < tx) return _more[i];
            }
            return (-1, null, default);
        }
    }

    private readonly ConcurrentDictionary<StateKey, Versions> _versions;
    private readonly ConcurrentDictionary<Hash256, byte[]> _code = new();
    private readonly ConcurrentDictionary<int, StateKey[]> _writtenKeys = new();
    // Most blocks delete no account: skip the clear-marker look-up on every storage read until one does.
    private volatile bool _anyCleared;

    /// <param name="expectedKeys">Sizing hint (about three keys per transaction), to avoid rehashing under load.</param>
    public MultiVersionMemory(int expectedKeys = 1024) =>
        _versions = new ConcurrentDictionary<StateKey, Versions>(Environment.ProcessorCount, Math.Max(64, expectedKeys));

    public bool TryReadAccount(Address address, int tx, out AccountRecord? account)
    {
        account = null;
        if (!_versions.TryGetValue(StateKey.Account(address), out Versions? v)) return false;
        var latest = v.Latest(tx);
        account = latest.Account;
        return latest.Tx >= 0;
    }

    /// <summary>A slot as transaction <paramref name="tx"/> would see it, if any earlier transaction wrote or cleared it.</summary>
    public bool TryReadStorage(Address address, in UInt256 slot, int tx, out UInt256 value)
    {
        value = default;
        int written = -1, cleared = -1;
        if (_versions.TryGetValue(StateKey.Storage(address, slot), out Versions? v))
        {
            var latest = v.Latest(tx);
            written = latest.Tx;
            value = latest.Value;
        }
        if (_anyCleared && _versions.TryGetValue(StateKey.Cleared(address), out Versions? c)) cleared = c.Latest(tx).Tx;
        if (cleared > written)
        {
            value = default;
            return true;
        }
        return written >= 0;
    }

    public bool WasClearedBefore(Address address, int tx) =>
        _anyCleared && _versions.TryGetValue(StateKey.Cleared(address), out Versions? c) && c.Latest(tx).Tx >= 0;

    public byte[]? TryGetCode(in Hash256 hash) => _code.TryGetValue(hash, out byte[]? code) ? code : null;

    /// <summary>Replaces transaction <paramref name="tx"/>'s writes with <paramref name="changes"/> (code first, so readers of a new code hash find it).</summary>
    public void Publish(int tx, StateChanges changes)
    {
        foreach (var (hash, code) in changes.NewCode) _code.TryAdd(hash, code);
        var keys = new List<StateKey>(changes.Accounts.Count * 2 + changes.Storage.Count);
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
        if (_writtenKeys.TryGetValue(tx, out StateKey[]? before))
        {
            foreach (StateKey stale in before)
                if (Array.IndexOf(now, stale) < 0 && _versions.TryGetValue(stale, out Versions? v)) v.Remove(tx);
        }
        _writtenKeys[tx] = now;
    }

    private void Set(StateKey key, int tx, AccountRecord? account, in UInt256 value, List<StateKey> keys)
    {
        _versions.GetOrAdd(key, _ => new Versions()).Set(tx, account, value);
        keys.Add(key);
    }
}
