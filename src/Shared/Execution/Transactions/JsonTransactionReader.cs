using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Fixtures;

namespace EvmCluster.Execution.Transactions;

/// <summary>
/// Builds a <see cref="SignedTransaction"/> from the JSON transaction objects of the Ethereum formats: the
/// JSON-RPC form (<c>gas</c>, <c>input</c>, <c>yParity</c>, <c>to: null</c> for creation) and the block-test
/// form (<c>gasLimit</c>, <c>data</c>, <c>v</c> as the parity, <c>to: ""</c>). Informational fields such as
/// <c>from</c>, <c>hash</c> and the effective <c>gasPrice</c> of fee-market types are not part of the result.
/// Errors are <see cref="FixtureException"/>s naming the field.
/// </summary>
public static class JsonTransactionReader
{
    /// <summary>Reads one transaction object; <paramref name="context"/> prefixes field names in errors (e.g. "transactions[3]").</summary>
    public static SignedTransaction Read(JsonElement tx, string context)
    {
        if (tx.ValueKind != JsonValueKind.Object) throw new FixtureException($"{context}: expected a transaction object, got {tx.ValueKind}");
        string F(string name) => $"{context}.{name}";

        TxType type = TxType.Legacy;
        if (tx.TryGetProperty("type", out JsonElement typeElement))
        {
            ulong t = JsonHex.ToULong(typeElement, F("type"));
            type = t switch
            {
                0 => TxType.Legacy,
                1 => TxType.AccessList,
                2 => TxType.Eip1559,
                3 => TxType.Blob,
                _ => throw new FixtureException($"{F("type")}: unsupported transaction type {t}"),
            };
        }
        bool typed = type != TxType.Legacy;
        bool feeMarket = type is TxType.Eip1559 or TxType.Blob;

        UInt256 v = ReadSignatureV(tx, typed, F);
        UInt256? chainId = null;
        if (typed)
        {
            chainId = UInt(tx, F, "chainId");
        }
        else if (tx.TryGetProperty("chainId", out JsonElement legacyChain) && legacyChain.ValueKind != JsonValueKind.Null
                 && SignedTransaction.LegacyChainId(v) is { } fromV)
        {
            // A legacy transaction's chain id is in v; a chainId field beside it must agree.
            UInt256 declared = JsonHex.ToUInt256(legacyChain, F("chainId"));
            if (declared != fromV) throw new FixtureException($"{F("chainId")}: {declared} disagrees with v = {v} (chain {fromV})");
        }

        Address? to = ReadTo(tx, F("to"));
        if (to is null && type == TxType.Blob) throw new FixtureException($"{F("to")}: a blob transaction cannot create a contract");

        return new SignedTransaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = JsonHex.ToULong(JsonHex.Required(tx, "nonce"), F("nonce")),
            GasPrice = feeMarket ? default : UInt(tx, F, "gasPrice"),
            MaxPriorityFeePerGas = feeMarket ? UInt(tx, F, "maxPriorityFeePerGas") : default,
            MaxFeePerGas = feeMarket ? UInt(tx, F, "maxFeePerGas") : default,
            GasLimit = JsonHex.ToULong(Either(tx, F, "gas", "gasLimit"), F("gas")),
            To = to,
            Value = UInt(tx, F, "value"),
            Data = JsonHex.ToBytes(Either(tx, F, "input", "data"), F("input")),
            AccessList = typed ? ReadAccessList(tx, F("accessList")) : [],
            MaxFeePerBlobGas = type == TxType.Blob ? UInt(tx, F, "maxFeePerBlobGas") : default,
            BlobVersionedHashes = type == TxType.Blob ? ReadHashes(JsonHex.Required(tx, "blobVersionedHashes"), F("blobVersionedHashes")) : [],
            V = v,
            R = UInt(tx, F, "r"),
            S = UInt(tx, F, "s"),
        };
    }

    /// <summary>The <c>hash</c> field of a transaction object.</summary>
    public static Hash256 DeclaredHash(JsonElement tx, string context) => JsonHex.ToHash(JsonHex.Required(tx, "hash"), $"{context}.hash");

    /// <summary>The sender the JSON claims: <c>from</c> (JSON-RPC) or <c>sender</c> (block tests).</summary>
    public static Address DeclaredSender(JsonElement tx, string context)
    {
        if (tx.TryGetProperty("from", out JsonElement from)) return JsonHex.ToAddress(from, $"{context}.from");
        if (tx.TryGetProperty("sender", out JsonElement sender)) return JsonHex.ToAddress(sender, $"{context}.sender");
        throw new FixtureException($"{context}: missing field 'from'");
    }

    private static UInt256 ReadSignatureV(JsonElement tx, bool typed, Func<string, string> f)
    {
        bool hasV = tx.TryGetProperty("v", out JsonElement vElement) && vElement.ValueKind != JsonValueKind.Null;
        UInt256? v = hasV ? JsonHex.ToUInt256(vElement, f("v")) : null;
        if (!typed) return v ?? throw new FixtureException($"{f("v")}: missing");

        // Typed transactions sign with a parity; JSON-RPC gives it as yParity and repeats it in v.
        if (tx.TryGetProperty("yParity", out JsonElement parityElement) && parityElement.ValueKind != JsonValueKind.Null)
        {
            UInt256 parity = JsonHex.ToUInt256(parityElement, f("yParity"));
            if (v is { } vv && vv != parity) throw new FixtureException($"{f("v")}: {vv} disagrees with yParity {parity}");
            return parity;
        }
        return v ?? throw new FixtureException($"{f("yParity")}: missing");
    }

    private static Address? ReadTo(JsonElement tx, string field)
    {
        if (!tx.TryGetProperty("to", out JsonElement to) || to.ValueKind == JsonValueKind.Null) return null;
        string text = JsonHex.Text(to, field);
        return text.Length == 0 || text is "0x" or "0X" ? null : JsonHex.ToAddress(text, field);
    }

    private static UInt256 UInt(JsonElement tx, Func<string, string> f, string name) =>
        JsonHex.ToUInt256(tx.TryGetProperty(name, out JsonElement e) ? e : throw new FixtureException($"{f(name)}: missing"), f(name));

    private static JsonElement Either(JsonElement tx, Func<string, string> f, string name, string alternative)
    {
        if (tx.TryGetProperty(name, out JsonElement e)) return e;
        if (tx.TryGetProperty(alternative, out e)) return e;
        throw new FixtureException($"{f(name)}: missing (nor is there '{alternative}')");
    }

    private static AccessListItem[] ReadAccessList(JsonElement tx, string field)
    {
        if (!tx.TryGetProperty("accessList", out JsonElement list) || list.ValueKind == JsonValueKind.Null) return [];
        if (list.ValueKind != JsonValueKind.Array) throw new FixtureException($"{field}: expected an array");
        var items = new List<AccessListItem>();
        foreach (JsonElement item in list.EnumerateArray())
        {
            string at = $"{field}[{items.Count}]";
            Address address = JsonHex.ToAddress(JsonHex.Required(item, "address"), at + ".address");
            JsonElement keys = JsonHex.Required(item, "storageKeys");
            var storageKeys = new List<UInt256>();
            foreach (JsonElement key in keys.EnumerateArray()) storageKeys.Add(JsonHex.ToHash(key, at + ".storageKeys").ToWord());
            items.Add(new AccessListItem(address, [.. storageKeys]));
        }
        return [.. items];
    }

    private static Hash256[] ReadHashes(JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new FixtureException($"{field}: expected an array");
        var hashes = new List<Hash256>();
        foreach (JsonElement h in array.EnumerateArray()) hashes.Add(JsonHex.ToHash(h, $"{field}[{hashes.Count}]"));
        return [.. hashes];
    }
}
