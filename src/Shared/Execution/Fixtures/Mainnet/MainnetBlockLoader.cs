using System.Globalization;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures.Mainnet;

/// <summary>A real mainnet block with the partial pre-state it touches (the data/mainnet format).</summary>
public sealed record MainnetBlock(string Directory, RpcBlock Block, InMemoryState PreState, BlockHashes Hashes);

/// <summary>
/// Reads <c>blocks/&lt;n&gt;/{block.json, pre_state.json}</c> plus the shared <c>bytecodes.json</c> and
/// <c>block_hashes.json</c> found in a parent folder.
/// </summary>
public sealed class MainnetBlockLoader
{
    private readonly Dictionary<Hash256, byte[]> _bytecodes = [];
    private readonly BlockHashes _hashes = new();

    // bytecodes.json and block_hashes.json are shared by every block below them: read them once per folder.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<MainnetBlockLoader>> ByRoot = new();

    private MainnetBlockLoader() { }

    /// <summary>The loader for the shared files that sit beside (or above) the <c>blocks</c> folder of <paramref name="blockDirectory"/>.</summary>
    public static MainnetBlockLoader ForBlock(string blockDirectory)
    {
        string key = FindShared(blockDirectory, "bytecodes.json") ?? FindShared(blockDirectory, "block_hashes.json") ?? "";
        return ByRoot.GetOrAdd(key, _ => new Lazy<MainnetBlockLoader>(() => Create(blockDirectory))).Value;
    }

    private static MainnetBlockLoader Create(string blockDirectory)
    {
        var loader = new MainnetBlockLoader();
        string? root = FindShared(blockDirectory, "bytecodes.json");
        if (root is not null)
        {
            using JsonDocument codes = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "bytecodes.json")));
            foreach (JsonProperty p in codes.RootElement.EnumerateObject())
                loader._bytecodes[JsonHex.ToHash(p.Name, "bytecodes key")] = JsonHex.ToBytes(p.Value, $"bytecodes[{p.Name}]");
        }
        string? hashesRoot = FindShared(blockDirectory, "block_hashes.json");
        if (hashesRoot is not null)
        {
            using JsonDocument hashes = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(hashesRoot, "block_hashes.json")));
            foreach (JsonProperty p in hashes.RootElement.EnumerateObject())
            {
                if (!long.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
                    throw new FixtureException($"block_hashes.json: key '{p.Name}' is not a block number");
                loader._hashes.Add(number, JsonHex.ToHash(p.Value, $"block_hashes[{p.Name}]"));
            }
        }
        return loader;
    }

    public MainnetBlock Load(string blockDirectory)
    {
        string blockFile = Path.Combine(blockDirectory, "block.json");
        string preFile = Path.Combine(blockDirectory, "pre_state.json");
        if (!File.Exists(blockFile)) throw new FixtureException($"{blockDirectory}: no block.json");
        if (!File.Exists(preFile)) throw new FixtureException($"{blockDirectory}: no pre_state.json");
        RpcBlock block;
        try
        {
            block = RpcBlockReader.ReadFile(blockFile);
        }
        catch (JsonException e)
        {
            throw new FixtureException($"{blockFile}: malformed JSON: {e.Message}");
        }
        return new MainnetBlock(blockDirectory, block, LoadPreState(preFile), _hashes);
    }

    private InMemoryState LoadPreState(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var state = new InMemoryState();
        foreach (JsonProperty account in document.RootElement.EnumerateObject())
        {
            Address address = JsonHex.ToAddress(account.Name, "pre_state address");
            JsonElement a = account.Value;
            UInt256 balance = JsonHex.ToUInt256(JsonHex.Required(a, "balance"), $"{account.Name}.balance");
            ulong nonce = JsonHex.ToULong(JsonHex.Required(a, "nonce"), $"{account.Name}.nonce");
            Hash256 codeHash = Keccak256.OfEmpty;
            if (a.TryGetProperty("code_hash", out JsonElement ch) && ch.ValueKind == JsonValueKind.String)
            {
                codeHash = JsonHex.ToHash(ch, $"{account.Name}.code_hash");
                if (codeHash != Keccak256.OfEmpty)
                {
                    if (!_bytecodes.TryGetValue(codeHash, out byte[]? code)) throw new FixtureException($"{path}: code {codeHash} of {account.Name} is not in bytecodes.json");
                    state.AddCode(codeHash, code);
                }
            }
            state.SetAccount(address, new AccountRecord(nonce, balance, codeHash));
            if (a.TryGetProperty("storage", out JsonElement storage))
            {
                foreach (JsonProperty slot in storage.EnumerateObject())
                    state.SetStorage(address, JsonHex.ToUInt256(slot.Name, $"{account.Name}.storage key"), JsonHex.ToUInt256(slot.Value, $"{account.Name}.storage[{slot.Name}]"));
            }
        }
        return state;
    }

    private static string? FindShared(string start, string fileName)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, fileName))) return dir.FullName;
        }
        return null;
    }
}
