using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Tests.Trie;

/// <summary>
/// Block 1 of an ethereum/tests Berlin blockchain test (one legacy transaction that ends on an invalid
/// opcode and so fails, using all its gas): its header commits to the transactions and receipts roots.
/// </summary>
public class KnownBlockRootTests
{
    private const string BlockRlp =
        "0xf90264f901fca0b835c89a42605cfcc542381145b83c826caf10823b81af0f45091040a67e6601a01dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347941000000000000000000000000000000000000000a027bf1aca92967ecd83e11c52887203bbdcab73a27fe07e814cf749fa50483a53a09008a2d4af552fea9b45675cd2af6d4117303b57da25b28438ccd1f6bad6828da00ef77336cf7bfbd2c500dcefe7b48d0ef7896d38f6373fbeb301ea4dac3746a7b901000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000083020000018754a60a4202e0888301d4c08203e800a00000000000000000000000000000000000000000000000000000000000000000880000000000000000f862f860800a8301d4c094b94f5374fce5edbc8e2a8697c15331677e6ebf0b80801ca0f3b41c283c02ed98318dc9cac3f0ddc3de2f2f7853a03299a46f22a7c6726c3aa0396ccb5968a532ea070924408625d3e36d4db21bfbd0cb070ba9e1fe9dba58abc0";

    private static readonly Hash256 BlockHash = Hash256.Parse("0xb8152a06d2018ed9a1eb1eb6e1fe8c3478d8eae5b04d743bf4a1ec699510cfe5");
    private static readonly Hash256 TransactionsRoot = Hash256.Parse("0x9008a2d4af552fea9b45675cd2af6d4117303b57da25b28438ccd1f6bad6828d");
    private static readonly Hash256 ReceiptsRoot = Hash256.Parse("0x0ef77336cf7bfbd2c500dcefe7b48d0ef7896d38f6373fbeb301ea4dac3746a7");

    [Fact]
    public void HeaderHashesToTheBlockHash()
    {
        var block = new RlpReader(Hex.Decode(BlockRlp)).ReadList();
        ReadOnlySpan<byte> header = block.ReadEncodedItem();
        Assert.Equal(BlockHash, Keccak256.Compute(header));
    }

    [Fact]
    public void TransactionsRootMatchesTheHeader()
    {
        var block = new RlpReader(Hex.Decode(BlockRlp)).ReadList();
        var header = block.ReadList();
        for (int i = 0; i < 4; i++) header.SkipItem(); // parent, ommers, coinbase, state root
        Assert.Equal(TransactionsRoot, header.ReadHash256());
        Assert.Equal(ReceiptsRoot, header.ReadHash256());

        var transactions = block.ReadList();
        var encoded = new List<byte[]>();
        while (!transactions.IsEnd) encoded.Add(transactions.ReadEncodedItem().ToArray());
        Assert.True(block.ReadList().IsEnd); // no ommers
        block.EnsureEnd();

        Assert.Single(encoded);
        Assert.Equal(TransactionsRoot, PatriciaTrie.ComputeListRoot(encoded));

        var trie = new PatriciaTrie();
        for (int i = 0; i < encoded.Count; i++) trie.Set(RlpEncoding.EncodeULong((ulong)i), encoded[i]);
        Assert.Equal(TransactionsRoot, trie.RootHash());
    }

    [Fact]
    public void ReceiptsRootMatchesTheHeader()
    {
        // [status 0 (failed), cumulative gas 0x01d4c0, empty bloom, no logs]
        var writer = new RlpWriter();
        writer.StartList();
        writer.WriteULong(0);
        writer.WriteULong(0x01d4c0);
        writer.WriteBytes(new byte[256]);
        writer.StartList();
        writer.EndList();
        writer.EndList();
        Assert.Equal(ReceiptsRoot, PatriciaTrie.ComputeListRoot([writer.ToArray()]));
    }

    [Fact]
    public void EmptyListsHaveTheEmptyRoot()
    {
        Assert.Equal(PatriciaTrie.EmptyRoot, PatriciaTrie.ComputeListRoot([]));
        Assert.Equal(PatriciaTrie.EmptyRoot, PatriciaTrie.ComputeRoot([]));
        Assert.Equal(Hash256.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"), PatriciaTrie.EmptyRoot);
    }
}
