using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Transactions;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Execution.Tests.Blocks;

/// <summary>
/// The 42 real mainnet blocks (Frontier to Cancun, all transaction types) in their JSON-RPC form: header
/// and transactions rebuilt from the fields hash to the JSON hashes, the transactions root matches the
/// header, and every recovered sender is the JSON <c>from</c>.
/// </summary>
public sealed class MainnetBlockTests
{
    private static string BlocksRoot => TestData.Combine("mainnet", "blocks");

    private static IEnumerable<string> BlockNumbers() =>
        Directory.GetDirectories(BlocksRoot).Select(Path.GetFileName).OfType<string>().OrderBy(long.Parse);

    public static TheoryData<string> Blocks() => new(BlockNumbers());

    /// <summary>The mainnet fork of a block, by number until the merge and by timestamp after.</summary>
    internal static ReleaseSpec MainnetFork(long number, ulong timestamp) =>
        timestamp >= 1_710_338_135 ? Forks.Cancun
        : timestamp >= 1_681_338_455 ? Forks.Shanghai
        : number >= 15_537_394 ? Forks.Paris
        : number >= 12_965_000 ? Forks.London
        : number >= 12_244_000 ? Forks.Berlin
        : number >= 9_069_000 ? Forks.Istanbul
        : number >= 7_280_000 ? Forks.Petersburg
        : number >= 4_370_000 ? Forks.Byzantium
        : number >= 2_675_000 ? Forks.SpuriousDragon
        : number >= 2_463_000 ? Forks.TangerineWhistle
        : number >= 1_150_000 ? Forks.Homestead
        : Forks.Frontier;

    [Fact]
    public void All_42_blocks_are_present()
    {
        Assert.Equal(42, BlockNumbers().Count());
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Json_block_hashes_commits_and_recovers_its_senders(string number)
    {
        string path = Path.Combine(BlocksRoot, number, "block.json");
        RpcBlock block = RpcBlockReader.ReadFile(path);
        BlockHeader header = block.Header;
        Assert.Equal(long.Parse(number), header.Number);

        // The reader compares with the JSON hashes itself; check again here, independently of it.
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(Hash256.Parse(json.RootElement.GetProperty("hash").GetString()!), Keccak256.Compute(BlockHeaderCodec.Encode(header)));
        Assert.Equal(Hash256.Parse(json.RootElement.GetProperty("transactionsRoot").GetString()!), BlockRoots.TransactionsRoot(block.Transactions));
        JsonElement[] txJson = [.. json.RootElement.GetProperty("transactions").EnumerateArray()];
        Assert.Equal(txJson.Length, block.Transactions.Count);
        for (int i = 0; i < txJson.Length; i++)
            Assert.Equal(Hash256.Parse(txJson[i].GetProperty("hash").GetString()!), block.Transactions[i].Hash);

        Assert.Equal(header.TransactionsRoot, BlockRoots.TransactionsRoot(block.Transactions));
        if (header.WithdrawalsRoot is { } withdrawalsRoot)
        {
            Assert.NotNull(block.Withdrawals);
            Assert.Equal(withdrawalsRoot, BlockRoots.WithdrawalsRoot(block.Withdrawals));
        }
        if (block.UncleHashes.Count == 0) Assert.Equal(header.OmmersHash, BlockRoots.OmmersHash([]));

        ReleaseSpec spec = MainnetFork(header.Number, header.Timestamp);
        RecoveredTransaction[] recovered = SenderRecovery.Recover(block.Transactions, spec, 1, threads: 2);
        Assert.Equal(block.Transactions.Count, recovered.Length);
        for (int i = 0; i < recovered.Length; i++)
        {
            Assert.True(recovered[i].IsValid, $"block {number}: {recovered[i].Error}");
            Transaction tx = recovered[i].Transaction!;
            Assert.Equal(block.DeclaredSenders[i], tx.Sender);
            Assert.Equal(Address.Parse(txJson[i].GetProperty("from").GetString()!), tx.Sender);
            Assert.Equal(block.Transactions[i].Hash, tx.Hash);
        }

        // Bytes built from the JSON decode back to the same transaction, and the whole block round-trips.
        foreach (SignedTransaction tx in block.Transactions)
        {
            SignedTransaction decoded = TransactionCodec.Decode(tx.Encoded);
            Assert.Equal(tx.Encoded, TransactionCodec.Encode(decoded));
            Assert.Equal(tx.SigningHash, decoded.SigningHash);
        }
        var full = new Block(header, block.Transactions, [], block.Withdrawals);
        Block again = BlockCodec.Decode(BlockCodec.Encode(full));
        Assert.Equal(header.Hash, again.Hash);
        Assert.Equal(header.TransactionsRoot, BlockRoots.TransactionsRoot(again.Transactions));
    }

    [Fact]
    public void Every_transaction_type_is_covered()
    {
        var seen = new HashSet<TxType>();
        bool unprotected = false, protectedLegacy = false, create = false;
        foreach (string number in BlockNumbers())
        {
            RpcBlock block = RpcBlockReader.ReadFile(Path.Combine(BlocksRoot, number, "block.json"));
            foreach (SignedTransaction tx in block.Transactions)
            {
                seen.Add(tx.Type);
                unprotected |= tx.Type == TxType.Legacy && !tx.IsEip155Protected;
                protectedLegacy |= tx.IsEip155Protected;
                create |= tx.To is null;
            }
        }
        Assert.Equal([TxType.Legacy, TxType.AccessList, TxType.Eip1559, TxType.Blob], seen.Order());
        Assert.True(unprotected && protectedLegacy && create);
    }
}
