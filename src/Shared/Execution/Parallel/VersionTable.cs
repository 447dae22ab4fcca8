using System.Collections.Concurrent;
using System.Numerics;

namespace EvmCluster.Execution.Parallel;

/// <summary>
/// One block's keys to their versions, shared by every thread without locks: an open-addressing table
/// sized up front that never removes a key, where a new key claims the first free slot of its probe
/// window with a compare-and-swap. Because slots only ever fill, every thread probing for a key sees
/// the same first occurrence, so a key lives in one place. A key whose whole window is taken by others
/// goes to an overflow dictionary (rare: the table is sized for several keys per transaction).
/// </summary>
internal sealed class VersionTable
{
    /// <summary>
    /// Slots a key may occupy past its home. A key absent from the table (most reads: the value comes from
    /// the pre-state) costs a probe to the first free slot, at most this many; keys that find no room go to
    /// the overflow dictionary.
    /// </summary>
    private const int ProbeWindow = 16;

    private readonly KeyVersions?[] _slots;
    private readonly int _shift;
    private readonly ConcurrentDictionary<StateKey, KeyVersions> _overflow = new();
    private volatile bool _overflowUsed;

    /// <param name="expectedKeys">Keys the block is likely to write; the table has four slots for each, so probes stay short.</param>
    public VersionTable(int expectedKeys)
    {
        uint size = BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedKeys * 4L, 4096, 1 << 26));
        _slots = new KeyVersions?[size];
        _shift = 32 - BitOperations.Log2(size);
    }

    public KeyVersions? Find(in StateKey key)
    {
        int mask = _slots.Length - 1;
        int home = Home(key);
        for (int probe = 0; probe < ProbeWindow; probe++)
        {
            KeyVersions? slot = Volatile.Read(ref _slots[(home + probe) & mask]);
            if (slot is null) return null;
            if (slot.Key.Equals(key)) return slot;
        }
        return _overflowUsed && _overflow.TryGetValue(key, out KeyVersions? spilled) ? spilled : null;
    }

    public KeyVersions GetOrAdd(in StateKey key)
    {
        int mask = _slots.Length - 1;
        int home = Home(key);
        KeyVersions? created = null;
        for (int probe = 0; probe < ProbeWindow; probe++)
        {
            ref KeyVersions? slot = ref _slots[(home + probe) & mask];
            KeyVersions? seen = Volatile.Read(ref slot);
            if (seen is null)
            {
                created ??= new KeyVersions(key);
                seen = Interlocked.CompareExchange(ref slot, created, null);
                if (seen is null) return created;
            }
            if (seen.Key.Equals(key)) return seen;
        }
        _overflowUsed = true;
        return _overflow.GetOrAdd(key, static k => new KeyVersions(k));
    }

    /// <summary>Fibonacci hashing: the key's hash spread over the table's index bits.</summary>
    private int Home(in StateKey key) => (int)(((uint)key.GetHashCode() * 2654435769u) >> _shift);
}
