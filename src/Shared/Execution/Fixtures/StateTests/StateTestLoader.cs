using System.Text;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures.StateTests;

/// <summary>Reads GeneralStateTests JSON files into runnable cases.</summary>
public static class StateTestLoader
{
    /// <summary>Every case in <paramref name="path"/>, optionally only those of fork <paramref name="fork"/>.</summary>
    public static List<StateTestCase> Load(string path, string? fork = null)
    {
        using FileStream stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FixtureException($"malformed JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FixtureException("a state test file is a JSON object of tests");
            var cases = new List<StateTestCase>();
            foreach (JsonProperty test in document.RootElement.EnumerateObject())
            {
                try
                {
                    LoadTest(path, test.Name, test.Value, fork, cases);
                }
                catch (FixtureException e)
                {
                    throw new FixtureException($"test '{test.Name}': {e.Message}");
                }
            }
            return cases;
        }
    }

    private static void LoadTest(string file, string name, JsonElement test, string? forkFilter, List<StateTestCase> cases)
    {
        JsonElement env = JsonHex.Required(test, "env");
        JsonElement tx = JsonHex.Required(test, "transaction");
        InMemoryState pre = GenesisAccounts.Load(JsonHex.Required(test, "pre"));
        foreach (JsonProperty forkPosts in JsonHex.Required(test, "post").EnumerateObject())
        {
            if (forkFilter is not null && !string.Equals(forkFilter, forkPosts.Name, StringComparison.OrdinalIgnoreCase)) continue;
            if (!Forks.TryGet(forkPosts.Name, out ReleaseSpec spec)) throw new FixtureException($"unknown fork '{forkPosts.Name}'");
            BlockContext block = ReadEnvironment(env, spec);
            foreach (JsonElement post in forkPosts.Value.EnumerateArray())
            {
                JsonElement indexes = JsonHex.Required(post, "indexes");
                int d = JsonHex.Required(indexes, "data").GetInt32();
                int g = JsonHex.Required(indexes, "gas").GetInt32();
                int v = JsonHex.Required(indexes, "value").GetInt32();
                Transaction? transaction = null;
                string? problem = null;
                try
                {
                    transaction = ReadTransaction(tx, d, g, v);
                }
                catch (FixtureException e)
                {
                    problem = e.Message;
                }
                cases.Add(new StateTestCase
                {
                    File = file, Test = name, Fork = forkPosts.Name, DataIndex = d, GasIndex = g, ValueIndex = v,
                    Pre = pre, Block = block, Transaction = transaction, TransactionProblem = problem,
                    ExpectedRoot = JsonHex.ToHash(JsonHex.Required(post, "hash"), "hash"),
                    ExpectedLogsHash = JsonHex.ToHash(JsonHex.Required(post, "logs"), "logs"),
                    ExpectException = post.TryGetProperty("expectException", out JsonElement ex) ? ex.GetString() : null,
                });
            }
        }
    }

    private static BlockContext ReadEnvironment(JsonElement env, ReleaseSpec spec)
    {
        bool has(string f, out JsonElement e) => env.TryGetProperty(f, out e);
        return new BlockContext
        {
            Spec = spec,
            Coinbase = JsonHex.ToAddress(JsonHex.Required(env, "currentCoinbase"), "currentCoinbase"),
            Number = JsonHex.ToLong(JsonHex.Required(env, "currentNumber"), "currentNumber"),
            Timestamp = JsonHex.ToULong(JsonHex.Required(env, "currentTimestamp"), "currentTimestamp"),
            GasLimit = JsonHex.ToLong(JsonHex.Required(env, "currentGasLimit"), "currentGasLimit"),
            Difficulty = has("currentDifficulty", out JsonElement diff) ? JsonHex.ToUInt256(diff, "currentDifficulty") : default,
            BaseFee = has("currentBaseFee", out JsonElement fee) ? JsonHex.ToUInt256(fee, "currentBaseFee") : default,
            PrevRandao = has("currentRandom", out JsonElement rnd) ? JsonHex.ToHash(rnd, "currentRandom") : default,
            BlobBaseFee = BlobGas.BaseFee(has("currentExcessBlobGas", out JsonElement ex) ? JsonHex.ToULong(ex, "currentExcessBlobGas") : 0),
            ChainId = 1,
            BlockHashes = StateTestBlockHashes.Instance,
        };
    }

    private static Transaction ReadTransaction(JsonElement tx, int d, int g, int v)
    {
        JsonElement Pick(string field, int index)
        {
            JsonElement array = JsonHex.Required(tx, field);
            return index < array.GetArrayLength() ? array[index] : throw new FixtureException($"transaction.{field} has no index {index}");
        }

        AccessListItem[]? accessList = null;
        if (tx.TryGetProperty("accessLists", out JsonElement lists) && d < lists.GetArrayLength() && lists[d].ValueKind == JsonValueKind.Array)
            accessList = ReadAccessList(lists[d]);
        Hash256[] blobHashes = tx.TryGetProperty("blobVersionedHashes", out JsonElement bh)
            ? bh.EnumerateArray().Select(h => JsonHex.ToHash(h, "blobVersionedHashes")).ToArray()
            : [];
        bool feeMarket = tx.TryGetProperty("maxFeePerGas", out JsonElement maxFee);
        TxType type = tx.TryGetProperty("blobVersionedHashes", out _) ? TxType.Blob
            : feeMarket ? TxType.Eip1559
            : accessList is not null ? TxType.AccessList
            : TxType.Legacy;
        string to = JsonHex.Text(JsonHex.Required(tx, "to"), "to");

        return new Transaction
        {
            Type = type,
            ChainId = 1,
            Nonce = JsonHex.ToULong(JsonHex.Required(tx, "nonce"), "transaction.nonce"),
            GasPrice = tx.TryGetProperty("gasPrice", out JsonElement gp) ? JsonHex.ToUInt256(gp, "gasPrice") : default,
            MaxFeePerGas = feeMarket ? JsonHex.ToUInt256(maxFee, "maxFeePerGas") : default,
            MaxPriorityFeePerGas = tx.TryGetProperty("maxPriorityFeePerGas", out JsonElement tip) ? JsonHex.ToUInt256(tip, "maxPriorityFeePerGas") : default,
            GasLimit = JsonHex.ToULong(Pick("gasLimit", g), "transaction.gasLimit"),
            To = string.IsNullOrEmpty(to) ? null : JsonHex.ToAddress(to, "to"),
            Value = JsonHex.ToUInt256(Pick("value", v), "transaction.value"),
            Data = JsonHex.ToBytes(Pick("data", d), "transaction.data"),
            AccessList = accessList ?? [],
            MaxFeePerBlobGas = tx.TryGetProperty("maxFeePerBlobGas", out JsonElement mb) ? JsonHex.ToUInt256(mb, "maxFeePerBlobGas") : default,
            BlobVersionedHashes = blobHashes,
            Sender = JsonHex.ToAddress(JsonHex.Required(tx, "sender"), "transaction.sender"),
        };
    }

    public static AccessListItem[] ReadAccessList(JsonElement list) =>
        list.EnumerateArray().Select(item => new AccessListItem(
            JsonHex.ToAddress(JsonHex.Required(item, "address"), "accessList.address"),
            JsonHex.Required(item, "storageKeys").EnumerateArray().Select(k => JsonHex.ToUInt256(k, "accessList.storageKeys")).ToArray()))
        .ToArray();
}

/// <summary>BLOCKHASH in state tests: keccak256 of the block number's decimal digits, as the reference filler defines it.</summary>
internal sealed class StateTestBlockHashes : IBlockHashSource
{
    public static readonly StateTestBlockHashes Instance = new();

    public Hash256? GetBlockHash(long number) => Keccak256.Compute(Encoding.ASCII.GetBytes(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
