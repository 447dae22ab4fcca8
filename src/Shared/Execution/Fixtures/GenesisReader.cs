using System.Text;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures;

/// <summary>
/// Reads a geth-style genesis <c>alloc</c> with a forward-only JSON reader: no document tree, so a
/// multi-million-account genesis costs its file buffer plus the state itself.
/// </summary>
public static class GenesisReader
{
    /// <summary>The accounts of the top-level <c>alloc</c> object of a genesis file.</summary>
    public static InMemoryState ReadAlloc(string path)
    {
        byte[] json = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "genesis");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isAlloc = reader.ValueTextEquals("alloc"u8);
                reader.Read();
                if (isAlloc) return ReadAccounts(ref reader);
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new FixtureException($"{path}: malformed JSON: {e.Message}");
        }
        throw new FixtureException($"{path}: no 'alloc' object");
    }

    private static InMemoryState ReadAccounts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new FixtureException("'alloc' must be an object");
        var state = new InMemoryState();
        var storage = new List<KeyValuePair<UInt256, UInt256>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string addressText = reader.GetString()!;
            Address address = JsonHex.ToAddress(addressText, "alloc address");
            Expect(ref reader, JsonTokenType.StartObject, addressText);
            UInt256 balance = default;
            ulong nonce = 0;
            byte[] code = [];
            storage.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string field = reader.GetString()!;
                reader.Read();
                switch (field)
                {
                    case "balance": balance = JsonHex.ToUInt256(Scalar(ref reader), $"{addressText}.balance"); break;
                    case "nonce": nonce = JsonHex.ToULong(Scalar(ref reader), $"{addressText}.nonce"); break;
                    case "code": code = JsonHex.ToBytes(Scalar(ref reader), $"{addressText}.code"); break;
                    case "storage":
                        if (reader.TokenType != JsonTokenType.StartObject) throw new FixtureException($"{addressText}.storage must be an object");
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            string slot = reader.GetString()!;
                            reader.Read();
                            storage.Add(new(JsonHex.ToUInt256(slot, $"{addressText}.storage key"), JsonHex.ToUInt256(Scalar(ref reader), $"{addressText}.storage[{slot}]")));
                        }
                        break;
                    default: reader.Skip(); break;
                }
            }
            state.SetAccount(address, nonce, balance, code, storage);
        }
        return state;
    }

    /// <summary>A string or number value as text.</summary>
    private static string Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new FixtureException($"expected a string or number, got {reader.TokenType}"),
    };

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!reader.Read() || reader.TokenType != type) throw new FixtureException($"{what}: expected {type}, got {reader.TokenType}");
    }
}
