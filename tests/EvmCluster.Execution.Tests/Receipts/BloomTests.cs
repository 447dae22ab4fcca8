using System.Numerics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Receipts;

namespace EvmCluster.Execution.Tests.Receipts;

public sealed class BloomTests
{
    private static readonly Address Token = Address.Parse("0x7ac69325941283c3b0d0ec8b4dbe88934e5f2fcd");
    private static readonly Hash256 Topic = Hash256.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    private static int PopCount(Bloom b)
    {
        int n = 0;
        foreach (byte x in b.Bytes) n += BitOperations.PopCount(x);
        return n;
    }

    [Fact]
    public void Each_item_sets_the_three_bits_its_hash_picks()
    {
        var bloom = new Bloom();
        bloom.Add(Topic);
        // keccak(topic) starts with the pairs (h0,h1), (h2,h3), (h4,h5); each names bit (pair & 2047),
        // bit i being bit i % 8 of byte 255 - i / 8.
        byte[] h = Keccak256.Compute(Topic.ToArray()).ToArray();
        var expected = new byte[256];
        for (int i = 0; i < 6; i += 2)
        {
            int bit = ((h[i] << 8) | h[i + 1]) & 0x7ff;
            expected[255 - bit / 8] |= (byte)(1 << (bit % 8));
        }
        Assert.Equal(expected, bloom.ToArray());
        Assert.InRange(PopCount(bloom), 1, 3);
    }

    [Fact]
    public void A_log_sets_its_address_and_topics()
    {
        var log = new LogEntry(Token, [Topic], [1, 2, 3]);
        Bloom bloom = Bloom.FromLogs([log]);
        Assert.True(bloom.MayContain(Token));
        Assert.True(bloom.MayContain(Topic));
        Assert.False(bloom.MayContain(Address.Parse("0x0000000000000000000000000000000000000001")));
        Assert.InRange(PopCount(bloom), 2, 6);

        // The data is not indexed, and adding the same log twice changes nothing.
        var withOtherData = Bloom.FromLogs([log with { Data = [9] }, log]);
        Assert.Equal(bloom, withOtherData);

        var separate = new Bloom();
        separate.Add(Token);
        separate.Add(Topic);
        Assert.Equal(bloom, separate);
    }

    [Fact]
    public void Or_equality_and_hex()
    {
        var a = new Bloom();
        a.Add(Token);
        var b = new Bloom();
        b.Add(Topic);
        Bloom combined = Bloom.Combine([a, b]);
        Assert.Equal(Bloom.FromLogs([new LogEntry(Token, [Topic], [])]), combined);
        Assert.NotEqual(a, combined);
        Assert.True(new Bloom().IsZero);
        Assert.False(combined.IsZero);

        string hex = combined.ToString();
        Assert.Equal(2 + 512, hex.Length);
        Assert.Equal(combined, Bloom.Parse(hex));
        Assert.Equal(combined.GetHashCode(), Bloom.Parse(hex).GetHashCode());
        Assert.Throws<FormatException>(() => Bloom.Parse("0x00"));
    }
}
