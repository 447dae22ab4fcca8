using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Tests.Rlp;

public class RlpWriterTests
{
    private static readonly Hash256 EmptyTrieRoot = Hash256.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    [Theory]
    [InlineData(0UL, "0x80")]
    [InlineData(1UL, "0x01")]
    [InlineData(0x7fUL, "0x7f")]
    [InlineData(0x80UL, "0x8180")]
    [InlineData(0xffUL, "0x81ff")]
    [InlineData(0x100UL, "0x820100")]
    [InlineData(0xffffffUL, "0x83ffffff")]
    [InlineData(0x0102030405060708UL, "0x880102030405060708")]
    [InlineData(ulong.MaxValue, "0x88ffffffffffffffff")]
    public void EncodesIntegers(ulong value, string expected)
    {
        byte[] encoded = RlpEncoding.EncodeULong(value);
        Assert.Equal(Hex.Decode(expected), encoded);
        Assert.Equal(encoded.Length, RlpEncoding.LengthOf(value));
        var writer = new RlpWriter();
        writer.WriteULong(value);
        Assert.Equal(encoded, writer.ToArray());
        Assert.Equal(value, new RlpReader(encoded).ReadULong());
    }

    [Fact]
    public void NegativeLongsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpEncoding.EncodeLong(-1));
        Assert.Equal(RlpEncoding.EncodeULong(5), RlpEncoding.EncodeLong(5));
    }

    [Fact]
    public void BigEndianIntegersDropLeadingZeros()
    {
        Assert.Equal(new byte[] { 0x80 }, RlpEncoding.EncodeUInt(new byte[32]));
        Assert.Equal(new byte[] { 0x05 }, RlpEncoding.EncodeUInt([0, 0, 0, 5]));
        Assert.Equal(new byte[] { 0x82, 0x01, 0x00 }, RlpEncoding.EncodeUInt([0, 0, 1, 0]));
        Assert.Equal(3, RlpEncoding.LengthOfUInt([0, 0, 1, 0]));
        Assert.Equal(1, RlpEncoding.LengthOfUInt([]));
    }

    [Fact]
    public void ByteStringsOfEveryLengthRoundTrip()
    {
        var rng = new Random(7);
        for (int length = 0; length < 1100; length++)
        {
            var value = new byte[length];
            rng.NextBytes(value);
            byte[] encoded = RlpEncoding.EncodeBytes(value);
            Assert.Equal(RlpEncoding.LengthOfBytes(value), encoded.Length);
            var reader = new RlpReader(encoded);
            Assert.Equal(value, reader.ReadBytes().ToArray());
            reader.EnsureEnd();
        }
    }

    [Fact]
    public void SingleBytesBelow0x80AreTheirOwnEncoding()
    {
        for (int b = 0; b < 256; b++)
        {
            byte[] encoded = RlpEncoding.EncodeBytes([(byte)b]);
            Assert.Equal(b < 0x80 ? new[] { (byte)b } : new[] { (byte)0x81, (byte)b }, encoded);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(54)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(57)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(1 << 24)]
    public void ListHeadersAroundTheShortLongBoundary(int payload)
    {
        // A list holding one string item of the right size to make the list payload exactly `payload` bytes.
        var writer = new RlpWriter(1);
        writer.StartList();
        if (payload > 0) writer.WriteRaw(new byte[payload]);
        writer.EndList();
        byte[] encoded = writer.ToArray();
        Assert.Equal(RlpEncoding.LengthOfList(payload), encoded.Length);
        var reader = new RlpReader(encoded);
        Assert.Equal(payload, reader.ReadListPayload().Length);
        reader.EnsureEnd();

        var header = new byte[9];
        int h = RlpEncoding.WriteListHeader(header, payload);
        Assert.Equal(encoded.AsSpan(0, h).ToArray(), header[..h]);
    }

    [Fact]
    public void NestedLongListsShiftCorrectly()
    {
        var writer = new RlpWriter(2);
        writer.StartList();
        for (int i = 0; i < 20; i++)
        {
            writer.StartList();
            for (int j = 0; j < 10; j++) writer.WriteBytes(new byte[i * 3 + j]);
            writer.EndList();
        }
        writer.WriteEmptyList();
        writer.EndList();
        byte[] encoded = writer.ToArray();

        var outer = new RlpReader(encoded).ReadList();
        for (int i = 0; i < 20; i++)
        {
            var inner = outer.ReadList();
            for (int j = 0; j < 10; j++) Assert.Equal(i * 3 + j, inner.ReadBytes().Length);
            inner.EnsureEnd();
        }
        Assert.True(outer.PeekIsList());
        Assert.True(outer.ReadList().IsEnd);
        outer.EnsureEnd();

        // The same structure built from pre-encoded parts.
        var parts = new List<byte[]>();
        for (int i = 0; i < 20; i++)
            parts.Add(RlpEncoding.EncodeList(Enumerable.Range(0, 10).Select(j => RlpEncoding.EncodeBytes(new byte[i * 3 + j])).ToArray()));
        parts.Add([0xc0]);
        Assert.Equal(encoded, RlpEncoding.EncodeList(parts.ToArray()));
    }

    [Fact]
    public void AccountMatchesARealStateTrieValue()
    {
        // From ethereum/tests hex_encoded_securetrie_test.json: nonce 1, balance 0x05f446a7, empty storage, no code.
        byte[] expected = Hex.Decode("0xf848018405f446a7a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        byte[] balance32 = new byte[32];
        balance32[28] = 0x05; balance32[29] = 0xf4; balance32[30] = 0x46; balance32[31] = 0xa7;

        Assert.Equal(expected, RlpEncoding.EncodeAccount(1, balance32, EmptyTrieRoot, Keccak256.OfEmpty));
        Assert.Equal(expected, RlpEncoding.EncodeAccount(1, [0x05, 0xf4, 0x46, 0xa7], EmptyTrieRoot, Keccak256.OfEmpty));
        Assert.Equal(expected.Length, RlpEncoding.LengthOfAccount(1, balance32));

        var writer = new RlpWriter();
        writer.StartList();
        writer.WriteULong(1);
        writer.WriteUInt(balance32);
        writer.WriteHash(EmptyTrieRoot);
        writer.WriteHash(Keccak256.OfEmpty);
        writer.EndList();
        Assert.Equal(expected, writer.ToArray());

        var reader = new RlpReader(expected).ReadList();
        Assert.Equal(1UL, reader.ReadULong());
        Assert.Equal(new byte[] { 0x05, 0xf4, 0x46, 0xa7 }, reader.ReadUInt256().ToArray());
        Assert.Equal(EmptyTrieRoot, reader.ReadHash256());
        Assert.Equal(Keccak256.OfEmpty, reader.ReadHash256());
        reader.EnsureEnd();
    }

    [Fact]
    public void ZeroAccountEncodesZerosAsEmptyStrings()
    {
        byte[] encoded = RlpEncoding.EncodeAccount(0, [], EmptyTrieRoot, Keccak256.OfEmpty);
        Assert.Equal(Hex.Decode("0xf8448080a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), encoded);
    }

    [Fact]
    public void AddressesHashesAndBooleans()
    {
        var address = Address.Parse("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
        var writer = new RlpWriter();
        writer.StartList();
        writer.WriteAddress(address);
        writer.WriteHash(EmptyTrieRoot);
        writer.WriteBool(true);
        writer.WriteBool(false);
        writer.WriteLong(1000);
        writer.EndList();
        byte[] encoded = writer.ToArray();
        Assert.Equal(RlpEncoding.EncodeAddress(address), encoded.AsSpan(2, 21).ToArray()); // 59-byte payload: two-byte list header

        var reader = new RlpReader(encoded).ReadList();
        Assert.Equal(address, reader.ReadAddress());
        Assert.Equal(EmptyTrieRoot, reader.ReadHash256());
        Assert.True(reader.ReadBool());
        Assert.False(reader.ReadBool());
        Assert.Equal(1000L, reader.ReadLong());
        reader.EnsureEnd();
    }

    [Fact]
    public void SpanReservationAndReset()
    {
        var writer = new RlpWriter(4);
        writer.StartList();
        Span<byte> span = writer.GetSpan(RlpEncoding.LengthOfAccount(7, [1]));
        int n = RlpEncoding.WriteAccount(span, 7, [1], EmptyTrieRoot, Keccak256.OfEmpty);
        writer.Advance(n);
        writer.EndList();
        byte[] first = writer.ToArray();
        Assert.Equal(RlpEncoding.EncodeList(RlpEncoding.EncodeAccount(7, [1], EmptyTrieRoot, Keccak256.OfEmpty)), first);

        writer.Reset();
        Assert.Equal(0, writer.Length);
        writer.WriteBytes("dog"u8);
        Assert.Equal(Hex.Decode("0x83646f67"), writer.ToArray());
    }

    [Fact]
    public void MisuseIsReported()
    {
        var writer = new RlpWriter();
        Assert.Throws<InvalidOperationException>(() => writer.EndList());
        writer.StartList();
        Assert.Throws<InvalidOperationException>(() => writer.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(1 << 20));
    }

    [Fact]
    public void RandomTreesRoundTrip()
    {
        var rng = new Random(42);
        for (int round = 0; round < 200; round++)
        {
            object tree = RandomTree(rng, 0);
            var writer = new RlpWriter(1);
            Write(writer, tree);
            byte[] encoded = writer.ToArray();
            var reader = new RlpReader(encoded);
            Verify(ref reader, tree);
            reader.EnsureEnd();
        }
    }

    private static object RandomTree(Random rng, int depth)
    {
        if (depth < 4 && rng.Next(3) == 0)
            return Enumerable.Range(0, rng.Next(0, 12)).Select(_ => RandomTree(rng, depth + 1)).ToList();
        int kind = rng.Next(3);
        if (kind == 0) return (ulong)rng.NextInt64() >> rng.Next(64);
        var bytes = new byte[rng.Next(3) == 0 ? rng.Next(0, 300) : rng.Next(0, 3)];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static void Write(RlpWriter writer, object node)
    {
        switch (node)
        {
            case List<object> list:
                writer.StartList();
                foreach (var item in list) Write(writer, item);
                writer.EndList();
                break;
            case ulong value:
                writer.WriteULong(value);
                break;
            case byte[] bytes:
                writer.WriteBytes(bytes);
                break;
        }
    }

    private static void Verify(ref RlpReader reader, object node)
    {
        switch (node)
        {
            case List<object> list:
                Assert.True(reader.PeekIsList());
                var inner = reader.ReadList();
                foreach (var item in list) Verify(ref inner, item);
                Assert.True(inner.IsEnd);
                break;
            case ulong value:
                Assert.Equal(value, reader.ReadULong());
                break;
            case byte[] bytes:
                Assert.Equal(bytes, reader.ReadBytes().ToArray());
                break;
        }
    }

    [Fact]
    public void UInt256ValuesRoundTrip()
    {
        UInt256[] values = [UInt256.Zero, UInt256.One, new(0x7f), new(0x80), new(0, 1), new(0, 0, 0, 1), UInt256.MaxValue];
        foreach (UInt256 value in values)
        {
            var word = new byte[32];
            value.ToBigEndian(word);
            byte[] expected = RlpEncoding.EncodeUInt(word);
            var writer = new RlpWriter();
            writer.WriteUInt256(value);
            Assert.Equal(expected, writer.ToArray());
            Assert.Equal(expected.Length, RlpEncoding.LengthOf(value));
            Assert.Equal(value, new RlpReader(expected).ReadUInt256Value());
        }
        Assert.Equal(
            RlpEncoding.EncodeAccount(1, [0x05, 0xf4, 0x46, 0xa7], EmptyTrieRoot, Keccak256.OfEmpty),
            RlpEncoding.EncodeAccount(1, new UInt256(0x05f446a7), EmptyTrieRoot, Keccak256.OfEmpty));
        Assert.Equal(74, RlpEncoding.LengthOfAccount(1, new UInt256(0x05f446a7)));
    }
}
