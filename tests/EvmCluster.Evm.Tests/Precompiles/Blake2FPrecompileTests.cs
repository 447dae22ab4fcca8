using System.Buffers.Binary;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Precompiles;

namespace EvmCluster.Evm.Tests.Precompiles;

public class Blake2FPrecompileTests
{
    private static readonly TestReleaseSpec Spec = TestReleaseSpec.Berlin;

    // EIP-152 test vectors 4-8 (go-ethereum core/vm/testdata/precompiles/blake2F.json).
    [Theory]
    [InlineData("0000000048c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001",
        "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b", 0)]
    [InlineData("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001",
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923", 12)]
    [InlineData("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000000",
        "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735", 12)]
    [InlineData("0000000148c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001",
        "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421", 1)]
    [InlineData("007A120048c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001",
        "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189", 8_000_000)]
    public void Eip152_vectors(string input, string expected, long gas)
    {
        byte[] bytes = Hex.Decode(input);
        Assert.Equal(gas, Blake2FPrecompile.Instance.GasCost(bytes, Spec));
        Assert.True(Blake2FPrecompile.Instance.TryRun(bytes, Spec, out byte[] output));
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    // EIP-152 failure vectors 0-3 (go-ethereum fail-blake2f.json): wrong length or a bad final flag.
    [Theory]
    [InlineData("")]
    [InlineData("00000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001")]
    [InlineData("000000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001")]
    [InlineData("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000002")]
    public void Eip152_failure_vectors_fail_the_call(string input)
    {
        Assert.False(Blake2FPrecompile.Instance.TryRun(Hex.Decode(input), Spec, out byte[] output));
        Assert.Empty(output);
    }

    [Fact]
    public void Wrong_lengths_cost_nothing_and_fail()
    {
        foreach (int length in new[] { 0, 1, 212, 214, 1000 })
        {
            var input = new byte[length];
            if (length >= 4) BinaryPrimitives.WriteUInt32BigEndian(input, 12);
            Assert.Equal(0, Blake2FPrecompile.Instance.GasCost(input, Spec));
            Assert.False(Blake2FPrecompile.Instance.TryRun(input, Spec, out _));
        }
    }

    [Fact]
    public void Every_flag_byte_above_one_fails()
    {
        var input = new byte[213];
        for (int flag = 2; flag < 256; flag++)
        {
            input[212] = (byte)flag;
            Assert.False(Blake2FPrecompile.Instance.TryRun(input, Spec, out _));
        }
    }

    [Fact]
    public void Gas_is_the_big_endian_round_count_up_to_uint_max()
    {
        var input = new byte[213];
        BinaryPrimitives.WriteUInt32BigEndian(input, 0xffffffff);
        Assert.Equal(4294967295L, Blake2FPrecompile.Instance.GasCost(input, Spec));
        BinaryPrimitives.WriteUInt32BigEndian(input, 0x01020304);
        Assert.Equal(0x01020304L, Blake2FPrecompile.Instance.GasCost(input, Spec));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Full_blake2b_built_on_F_matches_an_independent_implementation(int length)
    {
        var message = new byte[length];
        for (int i = 0; i < length; i++) message[i] = (byte)(i * 31 + 7);

        // BLAKE2b-512 with no key: parameter block word 0 is 0x01010040, then 12-round F per block.
        Span<ulong> h = stackalloc ulong[8];
        ulong[] iv = [0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
                      0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL];
        iv.CopyTo(h);
        h[0] ^= 0x01010040UL;
        Span<ulong> m = stackalloc ulong[16];
        Span<byte> block = stackalloc byte[128];
        int offset = 0;
        while (true)
        {
            int take = Math.Min(128, length - offset);
            bool final = offset + take == length;
            block.Clear();
            message.AsSpan(offset, take).CopyTo(block);
            for (int i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
            offset += take;
            Blake2F.Compress(12, h, m, (ulong)offset, 0, final);
            if (final) break;
        }

        var expected = new byte[64];
        var digest = new Org.BouncyCastle.Crypto.Digests.Blake2bDigest(512);
        digest.BlockUpdate(message, 0, message.Length);
        digest.DoFinal(expected, 0);

        var actual = new byte[64];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(actual.AsSpan(i * 8), h[i]);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(actual));
    }

    [Fact]
    public void Input_buffer_is_not_modified_and_output_is_64_bytes()
    {
        byte[] input = Hex.Decode("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001");
        byte[] copy = (byte[])input.Clone();
        Assert.True(Blake2FPrecompile.Instance.TryRun(input, Spec, out byte[] first));
        Assert.True(Blake2FPrecompile.Instance.TryRun(input, Spec, out byte[] second));
        Assert.Equal(copy, input);
        Assert.Equal(64, first.Length);
        Assert.Equal(first, second);
    }
}
