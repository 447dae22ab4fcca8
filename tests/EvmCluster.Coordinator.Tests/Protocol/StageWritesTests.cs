using EvmCluster.Coordinator.Cluster;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Tests.Protocol;

/// <summary>
/// A block's final writes split into one <see cref="StageWrites"/> per shard, storage as per-account
/// columns, and read back on the shard: every write arrives once, at its own shard, with its value.
/// </summary>
public sealed class StageWritesTests
{
    private static readonly Hash256 BlockHash = Hash256.FromWord(42);

    [Fact]
    public void Every_storage_write_reaches_its_shard_with_its_value()
    {
        var block = new BlockState(new InMemoryState());
        var expected = new List<StorageWrite>();
        var changes = new StateChanges();
        UInt256[] values = [UInt256.Zero, 1, 256, UInt256.MaxValue, new UInt256(7, 0, 0, 1)];
        for (ulong a = 1; a <= 40; a++)
        {
            Address address = Address.FromLowBytes(0x5000 + a);
            for (int s = 0; s < (int)(a % 7) + 1; s++)
            {
                var write = new StorageWrite(new StorageCell(address, new UInt256(a * 1000 + (ulong)s, 0, 0, a)), values[(s + (int)a) % values.Length]);
                changes.Storage.Add(write);
                expected.Add(write);
            }
        }
        block.Apply(changes);

        Dictionary<int, StageWrites> byShard = ShardWrites.Split(block, epoch: 3, BlockHash);

        var received = new List<StorageWrite>();
        foreach (var (shard, message) in byShard)
        {
            StageWrites parsed = StageWrites.Parser.ParseFrom(message.ToByteArray());
            Assert.Equal((uint)shard, parsed.Shard);
            var staged = new BlockState(new InMemoryState());
            foreach (AccountStorage storage in parsed.Storage) StateMapping.AddTo(staged, storage);
            var writes = staged.Storage.SelectMany(a => a.Value.Select(s => new StorageWrite(new StorageCell(a.Key, s.Key), s.Value))).ToList();
            Assert.All(writes, w => Assert.Equal(shard, ShardKeys.ShardOf(w.Cell.Address)));
            received.AddRange(writes);
        }
        Assert.Equal(expected.OrderBy(w => w.Cell.ToString()), received.OrderBy(w => w.Cell.ToString()));
    }

    [Theory]
    [InlineData("storage.slots", 31, 1)]
    [InlineData("storage.values", 32, 0)]
    [InlineData("storage.values", 32, 2)]
    [InlineData("storage.address", 32, 1)]
    public void A_malformed_column_raises_ProtocolException_naming_it(string field, int slotBytes, int valueCount)
    {
        var values = new ValueColumnWriter();
        for (int i = 0; i < valueCount; i++) values.Add(new UInt256((ulong)i + 1));
        var storage = new AccountStorage
        {
            Address = ByteString.CopyFrom(new byte[field == "storage.address" ? 19 : 20]),
            Slots = ByteString.CopyFrom(new byte[slotBytes]),
            Values = values.ToByteString(),
        };

        var e = Assert.Throws<ProtocolException>(() => StateMapping.AddTo(new BlockState(new InMemoryState()), storage));
        Assert.StartsWith(field + ":", e.Message);
    }
}
