using System.Runtime;

namespace EvmCluster.Protocol.Hosting;

/// <summary>
/// A full, compacting collection (large objects included) after a whole state is loaded. Loading
/// replaces every shard's state at once; collected here, that garbage is not left for the first
/// blocks' collections to find, inside their time. Once per load and process: with embedded workers
/// the coordinator and every worker share one heap, and one collection serves them all.
/// </summary>
public static class HeapCompaction
{
    private static ulong s_compactedEpoch;

    /// <summary>Compacts the heap unless this process already did for the load of <paramref name="epoch"/>; returns whether it did.</summary>
    public static bool AfterLoad(ulong epoch)
    {
        if (Interlocked.Exchange(ref s_compactedEpoch, epoch) == epoch) return false;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return true;
    }
}
