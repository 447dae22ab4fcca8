using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Tests.Rlp;

public class RlpVectorTests
{
    private static readonly JsonElement Valid = JsonDocument.Parse(RlpVectorData.Valid).RootElement;
    private static readonly JsonElement Invalid = JsonDocument.Parse(RlpVectorData.Invalid).RootElement;

    public static TheoryData<string> ValidNames() => new(Valid.EnumerateObject().Select(p => p.Name));
    public static TheoryData<string> InvalidNames() => new(Invalid.EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void EncodesValidVector(string name)
    {
        JsonElement test = Valid.GetProperty(name);
        var writer = new RlpWriter(4);
        Encode(writer, test.GetProperty("in"));
        Assert.Equal(Hex.Decode(test.GetProperty("out").GetString()!), writer.ToArray());
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void DecodesValidVector(string name)
    {
        JsonElement test = Valid.GetProperty(name);
        var reader = new RlpReader(Hex.Decode(test.GetProperty("out").GetString()!));
        Check(ref reader, test.GetProperty("in"));
        reader.EnsureEnd();
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void RejectsInvalidVector(string name)
    {
        byte[] data = Hex.Decode(Invalid.GetProperty(name).GetProperty("out").GetString()!);
        var ex = Assert.Throws<RlpException>(() => Walk(data));
        Assert.InRange(ex.Offset, 0, data.Length);
    }

    [Fact]
    public void HasAllUpstreamVectors()
    {
        Assert.Equal(28, Valid.EnumerateObject().Count());
        Assert.Equal(17, Invalid.EnumerateObject().Count());
    }

    /// <summary>Decodes one top-level item fully, descending into lists, and requires the input to end there.</summary>
    internal static void Walk(ReadOnlySpan<byte> data)
    {
        var reader = new RlpReader(data);
        WalkItem(ref reader);
        reader.EnsureEnd();
    }

    private static void WalkItem(ref RlpReader reader)
    {
        if (reader.PeekIsList())
        {
            var inner = reader.ReadList();
            while (!inner.IsEnd) WalkItem(ref inner);
        }
        else
        {
            reader.ReadBytes();
        }
    }

    private static void Encode(RlpWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                writer.StartList();
                foreach (var item in value.EnumerateArray()) Encode(writer, item);
                writer.EndList();
                break;
            case JsonValueKind.Number:
                writer.WriteULong(value.GetUInt64());
                break;
            case JsonValueKind.String when value.GetString()!.StartsWith('#'):
                writer.WriteUInt(BigIntegerBytes(value.GetString()!));
                break;
            case JsonValueKind.String:
                writer.WriteBytes(Encoding.UTF8.GetBytes(value.GetString()!));
                break;
            default:
                throw new InvalidOperationException($"unexpected JSON {value.ValueKind}");
        }
    }

    private static void Check(ref RlpReader reader, JsonElement expected)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Array:
                var inner = reader.ReadList();
                foreach (var item in expected.EnumerateArray()) Check(ref inner, item);
                inner.EnsureEnd();
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetUInt64(), reader.ReadULong());
                break;
            case JsonValueKind.String when expected.GetString()!.StartsWith('#'):
                byte[] big = BigIntegerBytes(expected.GetString()!);
                // 2^256 does not fit a 256-bit read; it still decodes as a canonical byte string.
                Assert.Equal(big, big.Length <= 32 ? reader.ReadUInt256().ToArray() : reader.ReadBytes().ToArray());
                break;
            case JsonValueKind.String:
                Assert.Equal(Encoding.UTF8.GetBytes(expected.GetString()!), reader.ReadBytes().ToArray());
                break;
            default:
                throw new InvalidOperationException($"unexpected JSON {expected.ValueKind}");
        }
    }

    private static byte[] BigIntegerBytes(string hashDecimal) =>
        BigInteger.Parse(hashDecimal.AsSpan(1), CultureInfo.InvariantCulture).ToByteArray(isUnsigned: true, isBigEndian: true);
}
