using EvmCluster.Evm.Core;
using EvmCluster.Execution.Trie;
using static EvmCluster.Execution.Tests.Trie.PatriciaTrieTests;

namespace EvmCluster.Execution.Tests.Trie;

/// <summary>A list root built from chunks hashed as the items arrived equals the root built all at once.</summary>
public class ListRootChunksTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(700)]
    [InlineData(4096)]
    [InlineData(10_000)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(70_000)]
    public void Root_from_every_chunk_equals_the_list_root(int count)
    {
        var rng = new Random(count);
        byte[][] items = RandomItems(rng, count);
        var chunks = new ListRootChunks(count);
        for (int chunk = 1; chunk < chunks.Chunks; chunk++)
        {
            Assert.True(chunks.IsReady(chunk, count));
            chunks.HashChunk(chunk, i => items[i]);
        }
        Hash256 expected = PatriciaTrie.ComputeListRoot(items);
        Assert.Equal(expected, chunks.Root(i => items[i], threads: 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Root_from_some_chunks_hashed_concurrently_equals_the_list_root(int threads)
    {
        var rng = new Random(threads);
        const int count = 9_000;
        byte[][] items = RandomItems(rng, count);
        var chunks = new ListRootChunks(count);
        // Every third chunk is left for the root to build; the others are hashed on four threads at once.
        int[] hashed = Enumerable.Range(1, chunks.Chunks - 1).Where(c => c % 3 != 0).ToArray();
        System.Threading.Tasks.Parallel.ForEach(hashed, new ParallelOptions { MaxDegreeOfParallelism = 4 }, chunk => chunks.HashChunk(chunk, i => items[i]));
        Assert.Equal(PatriciaTrie.ComputeListRoot(items), chunks.Root(i => items[i], threads));
    }

    [Fact]
    public void A_chunk_is_ready_once_its_last_item_is_known()
    {
        var chunks = new ListRootChunks(1_000);
        Assert.Equal(3, chunks.Chunks);
        Assert.False(chunks.IsReady(0, 1_000));
        Assert.False(chunks.IsReady(1, 511));
        Assert.True(chunks.IsReady(1, 512));
        Assert.False(chunks.IsReady(2, 767));
        Assert.True(chunks.IsReady(2, 768));
        Assert.False(chunks.IsReady(3, 1_000));
    }

    [Fact]
    public void Hashing_a_chunk_outside_the_list_names_the_range()
    {
        var chunks = new ListRootChunks(600);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => chunks.HashChunk(2, _ => [1]));
        Assert.Contains("chunks run from 1 to 1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunks.HashChunk(0, _ => [1]));
    }

    [Fact]
    public void An_empty_item_is_refused()
    {
        var chunks = new ListRootChunks(600);
        var e = Assert.Throws<ArgumentException>(() => chunks.HashChunk(1, i => i == 300 ? [] : [1]));
        Assert.Contains("item 300", e.Message);
    }

    private static byte[][] RandomItems(Random rng, int count) =>
        // Short and long values: leaves under 32 bytes are embedded in their parent, longer ones hashed.
        Enumerable.Range(0, count).Select(_ => RandomBytes(rng, rng.Next(1, 120))).ToArray();
}
