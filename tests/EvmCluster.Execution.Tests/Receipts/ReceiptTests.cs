using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Trie;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Receipts;

public sealed class ReceiptTests
{
    private static readonly Hash256 TransferTopic = Keccak256.Compute("Transfer(address,address,uint256)"u8);

    private static LogEntry SampleLog => new(
        Address.Parse("0x7ac69325941283c3b0d0ec8b4dbe88934e5f2fcd"),
        [TransferTopic, Hash256.Parse("0x00000000000000000000000021803911c30b4477b33040af59ede1279a07f064")],
        Hex.Decode("0x0000000000000000000000000000000000000000000000000de0b6b3a7640000"));

    [Fact]
    public void Known_transfer_topic()
    {
        Assert.Equal(Hash256.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"), TransferTopic);
    }

    /// <summary>Failed legacy receipt of block 1 of an ethereum/tests Berlin block test, committed by its header.</summary>
    [Fact]
    public void Legacy_status_receipt_matches_a_known_receipts_root()
    {
        var receipt = new Receipt(TxType.Legacy, false, null, 0x01d4c0, new Bloom(), []);
        byte[] encoded = ReceiptCodec.Encode(receipt);
        Assert.Equal(Hex.Decode("0xf9010980" + "8301d4c0" + "b90100" + new string('0', 512) + "c0"), encoded);
        Assert.Equal(Hash256.Parse("0x0ef77336cf7bfbd2c500dcefe7b48d0ef7896d38f6373fbeb301ea4dac3746a7"), BlockRoots.ReceiptsRoot([receipt]));
    }

    [Theory]
    [InlineData(TxType.AccessList)]
    [InlineData(TxType.Eip1559)]
    [InlineData(TxType.Blob)]
    public void Typed_receipt_is_the_type_byte_then_the_legacy_layout(TxType type)
    {
        LogEntry[] logs = [SampleLog];
        Receipt typed = Receipt.Create(type, true, 123_456, logs);
        Receipt legacy = Receipt.Create(TxType.Legacy, true, 123_456, logs);
        byte[] encoded = ReceiptCodec.Encode(typed);
        Assert.Equal([(byte)type, .. ReceiptCodec.Encode(legacy)], encoded);

        // [0x01, 0x01e240, bloom, [[address, [topics], data]]]
        var list = new RlpReader(encoded.AsSpan(1)).ReadList();
        Assert.Equal([1], list.ReadBytes().ToArray());
        Assert.Equal(123_456, list.ReadLong());
        Assert.Equal(typed.Bloom.ToArray(), list.ReadBytes(256).ToArray());
        var log = list.ReadList().ReadList();
        Assert.Equal(logs[0].Address, log.ReadAddress());

        Receipt decoded = ReceiptCodec.Decode(encoded);
        Assert.Equal(type, decoded.Type);
        Assert.True(decoded.Success);
        Assert.Equal(typed.Bloom, decoded.Bloom);
        Assert.Equal(logs[0].Topics, decoded.Logs[0].Topics);
        Assert.Equal(logs[0].Data, decoded.Logs[0].Data);
        Assert.Equal(encoded, ReceiptCodec.Encode(decoded));
    }

    [Fact]
    public void Pre_byzantium_receipt_carries_the_state_root()
    {
        Hash256 root = Hash256.Parse("0x27bf1aca92967ecd83e11c52887203bbdcab73a27fe07e814cf749fa50483a53");
        var receipt = new Receipt(TxType.Legacy, false, root, 21_000, new Bloom(), []);
        byte[] encoded = ReceiptCodec.Encode(receipt);
        Assert.Equal(Hex.Decode("0xf90128a0" + root.ToString()[2..] + "825208b90100" + new string('0', 512) + "c0"), encoded);
        Assert.Equal(root, ReceiptCodec.Decode(encoded).PostStateRoot);
        Assert.Throws<ArgumentException>(() => ReceiptCodec.Encode(receipt with { Type = TxType.Eip1559 }));
    }

    [Fact]
    public void Malformed_receipts_name_the_field()
    {
        byte[] good = ReceiptCodec.Encode(Receipt.Create(TxType.Eip1559, true, 5, [SampleLog]));
        Assert.Contains("unknown receipt type 9", Assert.Throws<RlpException>(() => ReceiptCodec.Decode([9, .. good[1..]])).Message);
        Assert.Contains("'envelope'", Assert.Throws<RlpException>(() => ReceiptCodec.Decode(good[..^1])).Message);

        // A log whose address is 19 bytes.
        var w = new RlpWriter();
        w.StartList();
        w.WriteULong(1);
        w.WriteULong(5);
        w.WriteBytes(new byte[256]);
        w.StartList();
        w.StartList();
        w.WriteBytes(new byte[19]);
        w.WriteEmptyList();
        w.WriteBytes([]);
        w.EndList();
        w.EndList();
        w.EndList();
        Assert.Contains("receipt field 'logs[0]'", Assert.Throws<RlpException>(() => ReceiptCodec.Decode(w.ToArray())).Message);
    }

    /// <summary>
    /// The 10,000-transfer benchmark blocks: receipts rebuilt from the recorded gas figures (and, for ERC-20, the
    /// Transfer log each call emits) must give the receipts root the producing node put in its header. Each
    /// receipt embeds its bloom, so this checks 10,000 log blooms.
    /// </summary>
    [Theory]
    [InlineData("eth-transfer")]
    [InlineData("erc20-transfer")]
    public void Workload_receipts_give_the_recorded_receipts_root(string name)
    {
        using JsonDocument block = JsonDocument.Parse(File.ReadAllBytes(TestData.Combine("workloads", name, "block.json")));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(TestData.Combine("workloads", name, "expected.json")));
        JsonElement[] txs = [.. block.RootElement.GetProperty("transactions").EnumerateArray()];
        JsonElement[] recorded = [.. expected.RootElement.GetProperty("receipts").EnumerateArray()];
        Assert.Equal(txs.Length, recorded.Length);

        var receipts = new List<Receipt>();
        for (int i = 0; i < txs.Length; i++)
        {
            var logs = new List<LogEntry>();
            if (recorded[i].GetProperty("logs").GetInt32() == 1)
            {
                // transfer(to, amount) emits Transfer(from, to, amount) from the token.
                byte[] data = Hex.Decode(txs[i].GetProperty("data").GetString()!);
                byte[] from = new byte[32];
                Address.Parse(txs[i].GetProperty("from").GetString()!).WriteTo(from.AsSpan(12));
                logs.Add(new LogEntry(
                    Address.Parse(txs[i].GetProperty("to").GetString()!),
                    [TransferTopic, new Hash256(from), new Hash256(data.AsSpan(4, 32))],
                    data[36..68]));
            }
            receipts.Add(Receipt.Create(TxType.Eip1559, recorded[i].GetProperty("status").GetInt32() == 1,
                recorded[i].GetProperty("cumulativeGasUsed").GetInt64(), logs));
        }
        Assert.Equal(Hash256.Parse(expected.RootElement.GetProperty("receiptsRoot").GetString()!), BlockRoots.ReceiptsRoot(receipts));
        Assert.Equal(Bloom.Parse(expected.RootElement.GetProperty("logsBloom").GetString()!), BlockRoots.LogsBloom(receipts));
        Assert.Equal(PatriciaTrie.ComputeListRoot([.. receipts.Select(ReceiptCodec.Encode)]), BlockRoots.ReceiptsRoot(receipts));
    }
}
