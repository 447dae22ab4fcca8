using System.Numerics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Precompiles;

namespace EvmCluster.Evm.Tests.Precompiles;

public class EcRecoverPrecompileTests
{
    private static readonly TestReleaseSpec Spec = TestReleaseSpec.Berlin;

    // The widely used example (Yellow Paper era tests, evm.codes): signer 0x7156526fbd7a3c72969b54f64e42c10fbb768c8a.
    private const string KnownHash = "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3";
    private const string KnownR = "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608";
    private const string KnownS = "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada";
    private const string KnownSigner = "0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a";

    internal static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    private static string V(int v) => v.ToString("x64");

    private static string Hex32(BigInteger value) => value.ToString("x64")[^64..];

    private static (bool Success, string Output) Run(string inputHex)
    {
        bool success = EcRecoverPrecompile.Instance.TryRun(Hex.Decode(inputHex), Spec, out byte[] output);
        return (success, Convert.ToHexStringLower(output));
    }

    // go-ethereum core/vm/testdata/precompiles/ecRecover.json.
    [Theory]
    [InlineData("a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281000000000000000000000000000000000000000000000000000000000000001b307835653165303366353363653138623737326363623030393366663731663366353366356337356237346463623331613835616138623838393262346538621122334455667788991011121314151617181920212223242526272829303132", "")]
    [InlineData("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000000000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549", "000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b")]
    [InlineData("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c100000000000000000000000000000000000000000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549", "")]
    [InlineData("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549", "")]
    [InlineData("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000011c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549", "")]
    [InlineData(KnownHash + "000000000000000000000000000000000000000000000000000000000000001c" + KnownR + KnownS, KnownSigner)]
    public void Published_vectors(string input, string expected)
    {
        var (success, output) = Run(input);
        Assert.True(success);
        Assert.Equal(expected, output);
        Assert.Equal(3000, EcRecoverPrecompile.Instance.GasCost(Hex.Decode(input), Spec));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(27 + 256)]
    [InlineData(37)] // EIP-155 style v is not accepted by the precompile
    public void Only_v_27_or_28_is_accepted(int v)
    {
        Assert.Equal((true, ""), Run(KnownHash + V(v) + KnownR + KnownS));
    }

    [Fact]
    public void Wrong_parity_recovers_a_different_address_or_nothing()
    {
        var (success, output) = Run(KnownHash + V(27) + KnownR + KnownS);
        Assert.True(success);
        Assert.NotEqual(KnownSigner, output);
    }

    public static TheoryData<string, string> InvalidScalars() => new()
    {
        { "r zero", Hex32(0) + KnownS },
        { "s zero", KnownR + Hex32(0) },
        { "r = n", Hex32(N) + KnownS },
        { "s = n", KnownR + Hex32(N) },
        { "r max", new string('f', 64) + KnownS },
        { "s max", KnownR + new string('f', 64) },
    };

    [Theory]
    [MemberData(nameof(InvalidScalars))]
    public void Out_of_range_r_or_s_returns_empty_output(string name, string rs)
    {
        Assert.Equal((true, ""), Run(KnownHash + V(28) + rs));
        Assert.NotNull(name);
    }

    [Fact]
    public void High_s_is_accepted_by_the_precompile()
    {
        // (r, n - s) with the opposite parity is the same signature's twin: it recovers the same key.
        BigInteger s = BigInteger.Parse("0" + KnownS, System.Globalization.NumberStyles.HexNumber);
        Assert.Equal((true, KnownSigner), Run(KnownHash + V(27) + KnownR + Hex32(N - s)));
        // s = n - 1 is the largest value in range: it recovers some key rather than being rejected.
        var (success, output) = Run(KnownHash + V(28) + KnownR + Hex32(N - 1));
        Assert.True(success);
        Assert.Equal(64, output.Length);
        Assert.StartsWith(new string('0', 24), output);
    }

    [Fact]
    public void Empty_and_short_inputs_read_as_zero_padded()
    {
        Assert.Equal((true, ""), Run(""));
        Assert.Equal((true, ""), Run(KnownHash));
        Assert.Equal((true, ""), Run(KnownHash + V(28) + KnownR)); // s reads as zero
    }

    [Fact]
    public void Input_past_128_bytes_is_ignored()
    {
        Assert.Equal((true, KnownSigner), Run(KnownHash + V(28) + KnownR + KnownS + "deadbeef"));
    }

    [Fact]
    public void A_signature_whose_s_ends_in_zero_bytes_recovers_from_truncated_input()
    {
        // Sign with go-ethereum's test key until s ends in a zero byte, then drop that byte from the input.
        byte[] key = Hex.Decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
        var hash = new byte[32];
        for (int i = 0; ; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(hash, i);
            (byte[] signature, byte recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(hash, key);
            if (signature[63] != 0) continue;

            byte[] input = new byte[127];
            hash.CopyTo(input, 0);
            input[63] = (byte)(27 + recoveryId);
            signature.AsSpan(0, 63).CopyTo(input.AsSpan(64));
            Assert.True(EcRecoverPrecompile.Instance.TryRun(input, Spec, out byte[] output));
            Assert.Equal("000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b", Convert.ToHexStringLower(output));
            break;
        }
    }
}
