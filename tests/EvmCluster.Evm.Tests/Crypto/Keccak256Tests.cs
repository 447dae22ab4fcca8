using System.Text;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace EvmCluster.Evm.Tests.Crypto;

public class Keccak256Tests
{
    private static byte[] Reference(ReadOnlySpan<byte> input)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(input);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void KnownTextVectors(string text, string expected)
    {
        Assert.Equal(Hash256.Parse(expected), Keccak256.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("0x80", "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421")]
    [InlineData("0xc0", "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")]
    public void KnownBinaryVectors(string inputHex, string expected)
    {
        Assert.Equal(Hash256.Parse(expected), Keccak256.Compute(Hex.Decode(inputHex)));
    }

    [Fact]
    public void WellKnownConstants()
    {
        Assert.Equal(Hash256.Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"), Keccak256.OfEmpty);
        Assert.Equal(Hash256.Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"), Keccak256.OfEmptyList);
    }

    [Fact]
    public void MatchesBouncyCastleForEveryLengthUpTo600()
    {
        var rng = new Random(1234);
        var data = new byte[600];
        rng.NextBytes(data);
        Span<byte> output = stackalloc byte[32];
        for (int length = 0; length <= 600; length++)
        {
            ReadOnlySpan<byte> input = data.AsSpan(0, length);
            Keccak256.Compute(input, output);
            Assert.True(output.SequenceEqual(Reference(input)), $"length {length}");
            Assert.Equal(new Hash256(Reference(input)), Keccak256.Compute(input));
        }
    }

    [Fact]
    public void MatchesBouncyCastleForRandomLongInputs()
    {
        var rng = new Random(99);
        int[] lengths = [1000, 4095, 4096, 13599, 13600, 13601, 65536, 200_003, 1 << 20];
        foreach (int length in lengths)
        {
            var data = new byte[length];
            rng.NextBytes(data);
            Assert.Equal(new Hash256(Reference(data)), Keccak256.Compute(data));
        }
        for (int i = 0; i < 50; i++)
        {
            var data = new byte[rng.Next(600, 20_000)];
            rng.NextBytes(data);
            Assert.Equal(new Hash256(Reference(data)), Keccak256.Compute(data));
        }
    }

    [Fact]
    public void BlockBoundariesWithAllOnesInput()
    {
        // 0xff bytes make a missed or doubled padding bit visible at every rate boundary.
        for (int length = 130; length <= 420; length++)
        {
            var data = new byte[length];
            data.AsSpan().Fill(0xff);
            Assert.Equal(new Hash256(Reference(data)), Keccak256.Compute(data));
        }
    }

    [Fact]
    public void WritesOnlyTheFirst32BytesOfALargerOutput()
    {
        var output = new byte[40];
        output.AsSpan().Fill(0xEE);
        Keccak256.Compute("abc"u8, output);
        Assert.Equal(Reference("abc"u8), output[..32]);
        Assert.All(output[32..], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void RejectsShortOutput()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Compute("abc"u8, new byte[31]));
    }

    [Fact]
    public void IsThreadSafe()
    {
        var inputs = Enumerable.Range(0, 2000).Select(i => BitConverter.GetBytes(i * 7919L)).ToArray();
        var expected = inputs.Select(x => new Hash256(Reference(x))).ToArray();
        var actual = new Hash256[inputs.Length];
        Parallel.For(0, inputs.Length, i => actual[i] = Keccak256.Compute(inputs[i]));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(1000)]
    public void ComputeManyMatchesOneAtATime(int count)
    {
        var rng = new Random(count);
        var data = new byte[count * 700 + 1];
        rng.NextBytes(data);
        var messages = new (int Offset, int Length)[count];
        for (int i = 0; i < count; i++)
        {
            // Mostly short messages, some spanning several blocks, some exactly on block boundaries.
            int length = rng.Next(4) switch { 0 => rng.Next(0, 700), 1 => 136 * rng.Next(0, 5), 2 => 32, _ => rng.Next(0, 140) };
            messages[i] = (rng.Next(0, data.Length - length + 1), length);
        }
        var output = new byte[count * 32];
        Keccak256.ComputeMany(data, messages, output);
        for (int i = 0; i < count; i++)
        {
            var (offset, length) = messages[i];
            Assert.Equal(Reference(data.AsSpan(offset, length)), output.AsSpan(i * 32, 32).ToArray());
        }
    }

    [Fact]
    public void ComputeManyValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.ComputeMany(new byte[10], [(0, 1), (1, 1)], new byte[63]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Keccak256.ComputeMany(new byte[10], [(0, 1), (5, 6)], new byte[64]));
    }

    [Fact]
    public void EightWayPermutationMatchesScalar()
    {
        if (!KeccakF1600x8.IsSupported) return;
        var rng = new Random(5);
        var states = new ulong[8][];
        var wide = new System.Runtime.Intrinsics.Vector512<ulong>[25];
        var lanes = System.Runtime.InteropServices.MemoryMarshal.Cast<System.Runtime.Intrinsics.Vector512<ulong>, ulong>(wide.AsSpan());
        for (int j = 0; j < 8; j++)
        {
            states[j] = new ulong[25];
            for (int i = 0; i < 25; i++) lanes[i * 8 + j] = states[j][i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63);
        }
        for (int round = 0; round < 3; round++)
        {
            KeccakF1600x8.Permute(wide);
            for (int j = 0; j < 8; j++)
            {
                KeccakF1600.Permute(states[j]);
                for (int i = 0; i < 25; i++) Assert.Equal(states[j][i], lanes[i * 8 + j]);
            }
        }
    }
}
