using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Parallel;

/// <summary>One transaction's write to one key; a deleted account is a null record.</summary>
internal sealed record VersionedWrite(int Tx, AccountRecord? Account, UInt256 Value);

/// <summary>
/// The writes to one key, sorted by transaction index. The array is never changed in place: a writer
/// swaps in a new one (compare-and-swap), so readers, the hot path, take no lock.
/// </summary>
internal sealed class KeyVersions(StateKey key)
{
    private VersionedWrite[] _writes = [];

    public StateKey Key { get; } = key;

    public void Set(int tx, AccountRecord? account, in UInt256 value)
    {
        var write = new VersionedWrite(tx, account, value);
        while (true)
        {
            VersionedWrite[] current = Volatile.Read(ref _writes);
            int i = current.Length - 1;
            while (i >= 0 && current[i].Tx > tx) i--;
            VersionedWrite[] next;
            if (i >= 0 && current[i].Tx == tx)
            {
                next = (VersionedWrite[])current.Clone();
                next[i] = write;
            }
            else
            {
                next = new VersionedWrite[current.Length + 1];
                Array.Copy(current, next, i + 1);
                next[i + 1] = write;
                Array.Copy(current, i + 1, next, i + 2, current.Length - i - 1);
            }
            if (Interlocked.CompareExchange(ref _writes, next, current) == current) return;
        }
    }

    public void Remove(int tx)
    {
        while (true)
        {
            VersionedWrite[] current = Volatile.Read(ref _writes);
            int i = Array.FindIndex(current, w => w.Tx == tx);
            if (i < 0) return;
            VersionedWrite[] next = [.. current[..i], .. current[(i + 1)..]];
            if (Interlocked.CompareExchange(ref _writes, next, current) == current) return;
        }
    }

    /// <summary>The write with the highest index below <paramref name="tx"/>, or null.</summary>
    public VersionedWrite? Latest(int tx)
    {
        VersionedWrite[] writes = Volatile.Read(ref _writes);
        for (int i = writes.Length - 1; i >= 0; i--)
            if (writes[i].Tx < tx) return writes[i];
        return null;
    }
}
