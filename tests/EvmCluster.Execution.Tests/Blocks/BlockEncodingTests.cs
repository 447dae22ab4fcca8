using System.Text.Json;
using System.Text.Json.Nodes;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Blocks;

/// <summary>Header fork fields, uncles, withdrawals, and the JSON readers' refusals.</summary>
public sealed class BlockEncodingTests
{
    private static string BlockJsonPath(string number) => TestData.Combine("mainnet", "blocks", number, "block.json");

    private static JsonNode LoadNode(string number) => JsonNode.Parse(File.ReadAllText(BlockJsonPath(number)))!;

    private static RpcBlock Read(JsonNode node)
    {
        using JsonDocument doc = JsonDocument.Parse(node.ToJsonString());
        return RpcBlockReader.Read(doc.RootElement);
    }

    [Theory]
    [InlineData("46147", 0)]      // Frontier: fifteen fields
    [InlineData("13217637", 1)]   // London: base fee
    [InlineData("17666333", 2)]   // Shanghai: withdrawals root
    [InlineData("19426587", 5)]   // Cancun: blob gas and beacon root
    public void Headers_of_each_fork_round_trip_with_their_optional_fields(string number, int optional)
    {
        BlockHeader header = RpcBlockReader.ReadFile(BlockJsonPath(number)).Header;
        Assert.Equal(optional, CountOptional(header));

        byte[] rlp = header.Encode();
        var list = new RlpReader(rlp).ReadList();
        int items = 0;
        while (!list.IsEnd) { list.SkipItem(); items++; }
        Assert.Equal(15 + optional, items);

        BlockHeader decoded = BlockHeader.Decode(rlp);
        Assert.Equal(header.Hash, decoded.Hash);
        Assert.Equal(rlp, decoded.Encode());
        Assert.Equal(header.BaseFeePerGas, decoded.BaseFeePerGas);
        Assert.Equal(header.WithdrawalsRoot, decoded.WithdrawalsRoot);
        Assert.Equal(header.ParentBeaconBlockRoot, decoded.ParentBeaconBlockRoot);
        Assert.Equal(header.LogsBloom, decoded.LogsBloom);
        Assert.Equal(header.Nonce, decoded.Nonce);
        Assert.Equal(header.Difficulty, decoded.Difficulty);
    }

    private static int CountOptional(BlockHeader h) =>
        (h.BaseFeePerGas.HasValue ? 1 : 0) + (h.WithdrawalsRoot.HasValue ? 1 : 0) + (h.BlobGasUsed.HasValue ? 1 : 0)
        + (h.ExcessBlobGas.HasValue ? 1 : 0) + (h.ParentBeaconBlockRoot.HasValue ? 1 : 0);

    [Fact]
    public void A_fork_field_without_the_earlier_ones_cannot_be_encoded()
    {
        var header = new BlockHeader { Number = 5, WithdrawalsRoot = Hash256.Zero };
        Assert.False(BlockHeaderCodec.IsEncodable(header));
        Assert.Throws<InvalidOperationException>(() => header.Encode());
        Assert.True(BlockHeaderCodec.IsEncodable(new BlockHeader { Number = 5 }));
        Assert.True(BlockHeaderCodec.IsEncodable(new BlockHeader { Number = 5, BaseFeePerGas = 7, WithdrawalsRoot = Hash256.Zero }));
    }

    [Fact]
    public void Header_with_an_extra_field_or_a_short_nonce_is_rejected()
    {
        BlockHeader cancun = RpcBlockReader.ReadFile(BlockJsonPath("19426587")).Header;
        byte[] rlp = cancun.Encode();
        var w = new RlpWriter();
        w.StartList();
        w.WriteRaw(new RlpReader(rlp).ReadListPayload());
        w.WriteHash(Hash256.Zero);
        w.EndList();
        Assert.Contains("no header field follows parentBeaconBlockRoot", Assert.Throws<RlpException>(() => BlockHeader.Decode(w.ToArray())).Message);

        BlockHeader frontier = RpcBlockReader.ReadFile(BlockJsonPath("46147")).Header;
        byte[] old = frontier.Encode();
        // The nonce is the last item: 0x88 then 8 bytes. Make it a 7-byte string inside a shorter list.
        var w2 = new RlpWriter();
        w2.StartList();
        ReadOnlySpan<byte> payload = new RlpReader(old).ReadListPayload();
        w2.WriteRaw(payload[..^9]);
        w2.WriteBytes(old.AsSpan(old.Length - 7, 7));
        w2.EndList();
        Assert.Contains("'nonce'", Assert.Throws<RlpException>(() => BlockHeader.Decode(w2.ToArray())).Message);
    }

    [Fact]
    public void Uncles_and_withdrawals_round_trip_and_commit()
    {
        RpcBlock shanghai = RpcBlockReader.ReadFile(BlockJsonPath("17666333"));
        Assert.NotNull(shanghai.Withdrawals);
        Assert.NotEmpty(shanghai.Withdrawals);
        BlockHeader uncle1 = RpcBlockReader.ReadFile(BlockJsonPath("46147")).Header;
        BlockHeader uncle2 = RpcBlockReader.ReadFile(BlockJsonPath("1150000")).Header;
        var block = new Block(shanghai.Header, shanghai.Transactions, [uncle1, uncle2], shanghai.Withdrawals);

        byte[] rlp = BlockCodec.Encode(block);
        Block decoded = BlockCodec.Decode(rlp);
        Assert.Equal(rlp, BlockCodec.Encode(decoded));
        Assert.Equal([uncle1.Hash, uncle2.Hash], decoded.Uncles.Select(u => u.Hash));
        Assert.Equal(shanghai.Withdrawals, decoded.Withdrawals);
        Assert.Equal(shanghai.Header.WithdrawalsRoot, BlockRoots.WithdrawalsRoot(decoded.Withdrawals!));

        // The ommers hash is keccak of the block's third item exactly as encoded.
        var items = new RlpReader(rlp).ReadList();
        items.SkipItem();
        items.SkipItem();
        Assert.Equal(Keccak256.Compute(items.ReadEncodedItem()), BlockRoots.OmmersHash(decoded.Uncles));
        Assert.Equal(Keccak256.OfEmptyList, BlockRoots.OmmersHash([]));
        Assert.Equal(Hash256.Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"), BlockRoots.OmmersHash([]));

        // A body without withdrawals does not match a header with a withdrawals root.
        byte[] missing = BlockCodec.Encode(block with { Withdrawals = null });
        Assert.Contains("no withdrawals list", Assert.Throws<RlpException>(() => BlockCodec.Decode(missing)).Message);
    }

    [Fact]
    public void Json_transaction_whose_fields_do_not_hash_to_its_hash_is_named()
    {
        JsonNode node = LoadNode("19426587");
        JsonArray txs = node["transactions"]!.AsArray();
        Assert.True(txs.Count > 3);
        txs[3]!["value"] = "0x1234";
        var e = Assert.Throws<FixtureException>(() => Read(node));
        Assert.Contains("transaction 3", e.Message);
        Assert.Contains("'hash'", e.Message);
    }

    [Fact]
    public void Json_header_whose_fields_do_not_hash_to_its_hash_is_rejected()
    {
        JsonNode node = LoadNode("46147");
        node["gasUsed"] = "0x1";
        Assert.Contains("'hash'", Assert.Throws<FixtureException>(() => Read(node)).Message);

        JsonNode missing = LoadNode("46147");
        missing.AsObject().Remove("stateRoot");
        Assert.Contains("stateRoot", Assert.Throws<FixtureException>(() => Read(missing)).Message);
    }

    [Fact]
    public void Json_transaction_with_a_malformed_field_is_named()
    {
        JsonNode node = LoadNode("46147");
        node["transactions"]!.AsArray()[0]!["to"] = "0x1234";
        var e = Assert.Throws<FixtureException>(() => Read(node));
        Assert.Contains("transactions[0].to", e.Message);
    }

    [Fact]
    public void Json_reader_keeps_the_declared_senders_and_uncle_hashes()
    {
        RpcBlock block = RpcBlockReader.ReadFile(BlockJsonPath("8889776"));
        Assert.Single(block.UncleHashes);
        Assert.NotEqual(Keccak256.OfEmptyList, block.Header.OmmersHash);
        Assert.Equal(block.Transactions.Count, block.DeclaredSenders.Count);
        Assert.All(block.Transactions, t => Assert.Equal(t.Hash, TransactionCodec.Decode(t.Encoded).Hash));
    }
}
