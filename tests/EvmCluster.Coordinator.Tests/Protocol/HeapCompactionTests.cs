using EvmCluster.Protocol.Hosting;

namespace EvmCluster.Coordinator.Tests.Protocol;

/// <summary>
/// One compaction per load and process: with embedded workers the coordinator and each worker all
/// report the same load, and only the first of them collects.
/// </summary>
public sealed class HeapCompactionTests
{
    [Fact]
    public void A_load_is_compacted_once_per_process_and_the_next_load_again()
    {
        ulong epoch = (ulong)DateTime.UtcNow.Ticks;
        int fullBefore = GC.CollectionCount(GC.MaxGeneration);

        Assert.True(HeapCompaction.AfterLoad(epoch));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullBefore);
        Assert.False(HeapCompaction.AfterLoad(epoch));
        Assert.False(HeapCompaction.AfterLoad(epoch));
        Assert.True(HeapCompaction.AfterLoad(epoch + 1));
    }
}
