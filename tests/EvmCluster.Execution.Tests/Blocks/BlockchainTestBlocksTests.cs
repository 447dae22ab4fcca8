using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Blocks;

/// <summary>
/// Every block of every file in ../shared/data/blockchain-tests: the authoritative <c>rlp</c> decodes, hashes
/// to the fixture's header hash, re-encodes to the same bytes, commits to its transactions, uncles and
/// withdrawals, and every transaction's recovered sender is the fixture's <c>sender</c>.
/// </summary>
public sealed class BlockchainTestBlocksTests
{
    private static string SuiteRoot => TestData.Combine("blockchain-tests", "BlockchainTests");

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(Path.Combine(SuiteRoot, "ValidBlocks")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_block_decodes_hashes_and_recovers_its_senders(string folder)
    {
        string[] files = Directory.GetFiles(Path.Combine(SuiteRoot, "ValidBlocks", folder), "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var failures = new List<string>();
        int blocks = 0;
        foreach (string file in files)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (JsonProperty test in doc.RootElement.EnumerateObject())
            {
                string network = test.Value.GetProperty("network").GetString()!;
                Assert.True(Forks.TryGet(network, out ReleaseSpec spec), $"unknown network {network}");
                CheckGenesis(test.Value);
                Hash256 last = default;
                foreach (JsonElement b in test.Value.GetProperty("blocks").EnumerateArray())
                {
                    blocks++;
                    try
                    {
                        CheckBlock(b, spec, out last);
                    }
                    catch (Exception e) when (e is RlpException or FixtureException or Xunit.Sdk.XunitException)
                    {
                        failures.Add($"{Path.GetFileName(file)} {test.Name} block {blocks}: {e.Message}");
                    }
                }
                Assert.Equal(Hash256.Parse(test.Value.GetProperty("lastblockhash").GetString()!), last);
            }
        }
        Assert.True(blocks > 0, $"no blocks under {folder}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {blocks} blocks failed:\n" + string.Join("\n", failures.Take(30)));
    }

    private static void CheckGenesis(JsonElement test)
    {
        // Reader (b) checks the JSON header against its hash; the genesis RLP must agree both ways.
        BlockHeader fromJson = BlockHeaderJson.ReadBlockTest(test.GetProperty("genesisBlockHeader"));
        byte[] rlp = Hex.Decode(test.GetProperty("genesisRLP").GetString()!);
        Block genesis = BlockCodec.Decode(rlp);
        Assert.Equal(fromJson.Hash, genesis.Hash);
        Assert.Equal(rlp, BlockCodec.Encode(genesis));
    }

    private static void CheckBlock(JsonElement json, ReleaseSpec spec, out Hash256 hash)
    {
        byte[] rlp = Hex.Decode(json.GetProperty("rlp").GetString()!);
        Block block = BlockCodec.Decode(rlp);
        BlockHeader header = block.Header;
        JsonElement headerJson = json.GetProperty("blockHeader");
        Hash256 expectedHash = Hash256.Parse(headerJson.GetProperty("hash").GetString()!);
        hash = expectedHash;

        // The decoder hashes the bytes it read; the encoder must rebuild exactly those bytes.
        Assert.Equal(expectedHash, header.Hash);
        byte[] headerRlp = BlockHeaderCodec.Encode(header);
        Assert.Equal(expectedHash, Keccak256.Compute(headerRlp));
        Assert.Equal(expectedHash, BlockHeaderJson.ReadBlockTest(headerJson).Hash);
        Assert.Equal(rlp, BlockCodec.Encode(block));

        Assert.Equal(header.TransactionsRoot, Hash256.Parse(headerJson.GetProperty("transactionsTrie").GetString()!));
        Assert.Equal(header.TransactionsRoot, BlockRoots.TransactionsRoot(block.Transactions));
        Assert.Equal(header.OmmersHash, BlockRoots.OmmersHash(block.Uncles));
        if (header.WithdrawalsRoot is { } withdrawalsRoot)
        {
            Assert.NotNull(block.Withdrawals);
            Assert.Equal(withdrawalsRoot, BlockRoots.WithdrawalsRoot(block.Withdrawals));
        }

        JsonElement[] txJson = [.. json.GetProperty("transactions").EnumerateArray()];
        Assert.Equal(txJson.Length, block.Transactions.Count);
        var fresh = new List<SignedTransaction>();
        for (int i = 0; i < txJson.Length; i++)
        {
            SignedTransaction tx = block.Transactions[i];
            byte[] reencoded = TransactionCodec.Encode(tx);
            Assert.Equal(tx.Encoded, reencoded);
            // The JSON form of the same transaction must build the same bytes.
            SignedTransaction fromJson = JsonTransactionReader.Read(txJson[i], $"transactions[{i}]");
            Assert.Equal(tx.Hash, fromJson.Hash);
            fresh.Add(TransactionCodec.Decode(reencoded));
        }
        Assert.Equal(header.TransactionsRoot, BlockRoots.TransactionsRoot(fresh));

        RecoveredTransaction[] recovered = SenderRecovery.Recover(block.Transactions, spec, 1, threads: 2);
        for (int i = 0; i < txJson.Length; i++)
        {
            Assert.True(recovered[i].IsValid, recovered[i].Error);
            // A few crafted-signature fixtures leave the sender out; their signatures must still be valid.
            if (txJson[i].TryGetProperty("sender", out _))
                Assert.Equal(JsonTransactionReader.DeclaredSender(txJson[i], $"transactions[{i}]"), recovered[i].Transaction!.Sender);
            Assert.Equal(block.Transactions[i].Hash, recovered[i].Transaction!.Hash);
        }
    }
}
