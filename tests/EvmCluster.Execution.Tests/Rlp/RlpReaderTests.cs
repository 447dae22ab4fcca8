using EvmCluster.Evm.Core;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Tests.Rlp;

public class RlpReaderTests
{
    private static RlpException Fails(string hex, ReaderAction action)
    {
        byte[] data = Hex.Decode(hex);
        return Assert.Throws<RlpException>(() =>
        {
            var reader = new RlpReader(data);
            action(ref reader);
        });
    }

    private delegate void ReaderAction(ref RlpReader reader);

    [Theory]
    [InlineData("0x00")]         // zero must be 0x80
    [InlineData("0x820001")]     // leading zero byte
    [InlineData("0x8100")]       // single byte wrapped in a header
    [InlineData("0x890102030405060708090a")] // nine bytes
    [InlineData("0xc0")]         // a list
    [InlineData("0x")]           // nothing
    public void RejectsNonCanonicalULong(string hex)
    {
        Fails(hex, (ref RlpReader r) => r.ReadULong());
    }

    [Fact]
    public void ReadsUInt256Boundaries()
    {
        var max = new byte[33];
        max[0] = 0xa0;
        max.AsSpan(1).Fill(0xff);
        Assert.Equal(32, new RlpReader(max).ReadUInt256().Length);
        Assert.True(new RlpReader([0x80]).ReadUInt256().IsEmpty);

        var tooBig = new byte[34];
        tooBig[0] = 0xa1;
        tooBig[1] = 1;
        Assert.Throws<RlpException>(() => new RlpReader(tooBig).ReadUInt256());
        Fails("0xa100" + new string('f', 64), (ref RlpReader r) => r.ReadUInt256());
        Fails("0x00", (ref RlpReader r) => r.ReadUInt256());
    }

    [Fact]
    public void RangeChecksOnNarrowIntegers()
    {
        Assert.Equal(uint.MaxValue, new RlpReader(Hex.Decode("0x84ffffffff")).ReadUInt32());
        Fails("0x850100000000", (ref RlpReader r) => r.ReadUInt32());
        Assert.Equal(long.MaxValue, new RlpReader(Hex.Decode("0x887fffffffffffffff")).ReadLong());
        Fails("0x888000000000000000", (ref RlpReader r) => r.ReadLong());
        Fails("0x02", (ref RlpReader r) => r.ReadBool());
    }

    [Fact]
    public void FixedSizeStringsMustHaveTheirSize()
    {
        Fails("0x93" + new string('1', 38), (ref RlpReader r) => r.ReadAddress());
        Fails("0xa1" + new string('1', 66), (ref RlpReader r) => r.ReadHash256());
        Fails("0xc0", (ref RlpReader r) => r.ReadAddress());
        Assert.Equal(Address.Parse("0x" + new string('1', 40)), new RlpReader(Hex.Decode("0x94" + new string('1', 40))).ReadAddress());
    }

    [Fact]
    public void KindMismatchesAreReported()
    {
        var ex = Fails("0x83646f67", (ref RlpReader r) => r.ReadList());
        Assert.Contains("expected a list", ex.Message);
        ex = Fails("0xc0", (ref RlpReader r) => r.ReadBytes());
        Assert.Contains("expected a string", ex.Message);
    }

    [Fact]
    public void ItemsCannotOverrunTheirList()
    {
        // The list claims 2 bytes of payload but its string item needs 4.
        byte[] data = Hex.Decode("0xc283646f67");
        var ex = Assert.Throws<RlpException>(() => RlpVectorTests.Walk(data));
        Assert.Contains("past the end", ex.Message);
    }

    [Fact]
    public void TrailingBytesAreReportedWithTheirOffset()
    {
        var ex = Fails("0x83646f6701", (ref RlpReader r) =>
        {
            r.ReadBytes();
            r.EnsureEnd();
        });
        Assert.Equal(4, ex.Offset);
        Assert.Contains("trailing", ex.Message);
    }

    [Fact]
    public void NestedErrorsCarryAbsoluteOffsets()
    {
        // [ "dog", [ 0x00 as an integer ] ] : the bad integer sits at byte 6 of the whole input.
        var ex = Fails("0xc683646f67c100", (ref RlpReader r) =>
        {
            var outer = r.ReadList();
            outer.ReadBytes();
            var inner = outer.ReadList();
            Assert.Equal(0, inner.Position);
            Assert.Equal(6, inner.AbsolutePosition);
            inner.ReadULong();
        });
        Assert.Equal(6, ex.Offset);
        Assert.Contains("offset 6", ex.Message);
    }

    [Fact]
    public void HugeDeclaredLengthsAreRejectedNotAllocated()
    {
        Fails("0xbf7fffffffffffffff01", (ref RlpReader r) => r.ReadBytes());
        Fails("0xbbffffffff", (ref RlpReader r) => r.ReadBytes());
        Fails("0xfbffffffff", (ref RlpReader r) => r.ReadList());
        Fails("0xb9", (ref RlpReader r) => r.ReadBytes());
        Fails("0x81", (ref RlpReader r) => r.ReadBytes());
        Fails("0x", (ref RlpReader r) => r.PeekIsList());
    }

    [Fact]
    public void EncodedItemsAndSkipping()
    {
        byte[] data = Hex.Decode("0xcac483646f670183636174");
        var outer = new RlpReader(data).ReadList();
        Assert.Equal(Hex.Decode("0xc483646f67"), outer.ReadEncodedItem().ToArray());
        Assert.Equal(5, outer.Position);
        Assert.Equal(5, outer.Remaining);
        outer.SkipItem();
        Assert.Equal("cat"u8.ToArray(), outer.ReadBytes().ToArray());
        Assert.True(outer.IsEnd);
    }
}
