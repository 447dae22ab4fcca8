using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Tests.Protocol;

/// <summary>A batch's prefetched slots travel per account, 32 bytes each.</summary>
public sealed class AccountSlotsTests
{
    private static readonly Address Token = Address.FromLowBytes(0x70c0);

    [Fact]
    public void Slots_come_back_as_cells_of_their_account_in_order()
    {
        UInt256[] slots = [UInt256.Zero, 1, UInt256.MaxValue, new UInt256(5, 6, 7, 8)];
        var bytes = new byte[32 * slots.Length];
        for (int i = 0; i < slots.Length; i++) slots[i].ToBigEndian(bytes.AsSpan(32 * i, 32));

        StorageCell[] cells = [.. StateMapping.FromProto(new AccountSlots { Address = Values.Bytes(Token), Slots = ByteString.CopyFrom(bytes) })];

        Assert.Equal(slots.Select(s => new StorageCell(Token, s)), cells);
    }

    [Theory]
    [InlineData("prefetch_storage.slots", 20, 33)]
    [InlineData("prefetch_storage.address", 19, 32)]
    public void A_malformed_entry_raises_ProtocolException_naming_it(string field, int addressBytes, int slotBytes)
    {
        var slots = new AccountSlots { Address = ByteString.CopyFrom(new byte[addressBytes]), Slots = ByteString.CopyFrom(new byte[slotBytes]) };

        var e = Assert.Throws<ProtocolException>(() => StateMapping.FromProto(slots).ToList());
        Assert.StartsWith(field + ":", e.Message);
    }
}
