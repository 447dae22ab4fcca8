using System.Runtime;

namespace EvmCluster.Protocol.Hosting;

/// <summary>
/// A full, compacting collection (large objects included) after a whole state is loaded. Loading
/// replaces every shard's state at once; collected here, that garbage is not left for the first
/// blocks' collections to find, inside their time.
/// </summary>
public static class HeapCompaction
{
    /// <summary>Compacts the heap; returns the bytes still in use.</summary>
    public static long AfterLoad()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
