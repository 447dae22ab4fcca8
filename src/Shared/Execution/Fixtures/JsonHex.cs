using System.Globalization;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Fixtures;

/// <summary>Reads the hex-string and number fields of the Ethereum JSON fixture formats, with errors that name the field.</summary>
public static class JsonHex
{
    public static string Text(JsonElement e, string field) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        _ => throw new FixtureException($"field '{field}' should be a string or number, got {e.ValueKind}"),
    };

    public static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw new FixtureException($"missing field '{name}'");

    public static UInt256 ToUInt256(JsonElement e, string field) => ToUInt256(Text(e, field), field);

    public static UInt256 ToUInt256(string text, string field)
    {
        if (text.StartsWith("0x:bigint ", StringComparison.Ordinal)) text = text["0x:bigint ".Length..];
        return UInt256.TryParse(text, out UInt256 value) ? value : throw new FixtureException($"field '{field}': '{Shorten(text)}' is not a 256-bit number");
    }

    public static ulong ToULong(JsonElement e, string field)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong number)) return number;
        UInt256 value = ToUInt256(e, field);
        return value.FitsInULong ? value.U0 : throw new FixtureException($"field '{field}': {value} does not fit in 64 bits");
    }

    public static ulong ToULong(string text, string field)
    {
        UInt256 value = ToUInt256(text, field);
        return value.FitsInULong ? value.U0 : throw new FixtureException($"field '{field}': {value} does not fit in 64 bits");
    }

    public static long ToLong(JsonElement e, string field)
    {
        ulong value = ToULong(e, field);
        return value <= long.MaxValue ? (long)value : throw new FixtureException($"field '{field}': {value} does not fit in 63 bits");
    }

    public static byte[] ToBytes(JsonElement e, string field) => ToBytes(Text(e, field), field);

    public static byte[] ToBytes(string text, string field)
    {
        try
        {
            return Hex.Decode(text);
        }
        catch (FormatException)
        {
            throw new FixtureException($"field '{field}': '{Shorten(text)}' is not hex");
        }
    }

    public static Address ToAddress(JsonElement e, string field) => ToAddress(Text(e, field), field);

    public static Address ToAddress(string text, string field)
    {
        byte[] bytes = ToBytes(text, field);
        return bytes.Length == Address.Size ? new Address(bytes) : throw new FixtureException($"field '{field}': {bytes.Length} bytes is not an address");
    }

    public static Hash256 ToHash(JsonElement e, string field) => ToHash(Text(e, field), field);

    public static Hash256 ToHash(string text, string field)
    {
        byte[] bytes = ToBytes(text, field);
        if (bytes.Length > Hash256.Size) throw new FixtureException($"field '{field}': {bytes.Length} bytes is not a 32-byte hash");
        if (bytes.Length == Hash256.Size) return new Hash256(bytes);
        var padded = new byte[Hash256.Size];
        bytes.CopyTo(padded, Hash256.Size - bytes.Length);
        return new Hash256(padded);
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
