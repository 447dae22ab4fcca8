using EvmCluster.Evm.Core;
using EvmCluster.Evm.Precompiles;

namespace EvmCluster.Evm.Tests.Precompiles;

public class HashPrecompileTests
{
    // go-ethereum's sample precompile input (a 128-byte ecrecover call), used for 0x02, 0x03 and 0x04.
    private const string Sample128 =
        "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02";

    private static readonly TestReleaseSpec Spec = TestReleaseSpec.Berlin;

    private static string Run(IPrecompile precompile, string inputHex)
    {
        Assert.True(precompile.TryRun(Hex.Decode(inputHex), Spec, out byte[] output));
        return Convert.ToHexStringLower(output);
    }

    [Theory]
    [InlineData(Sample128, "811c7003375852fabd0d362e40e68607a12bdabae61a7d068fe5fdd1dbbf2a5d", 108)]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 60)]
    [InlineData("616263", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 72)]
    public void Sha256_matches_published_digests(string input, string expected, long gas)
    {
        Assert.Equal(expected, Run(Sha256Precompile.Instance, input));
        Assert.Equal(gas, Sha256Precompile.Instance.GasCost(Hex.Decode(input), Spec));
    }

    [Theory]
    [InlineData(Sample128, "0000000000000000000000009215b8d9882ff46f0dfde6684d78e831467f65e6", 1080)]
    [InlineData("", "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31", 600)]
    [InlineData("616263", "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc", 720)]
    public void Ripemd160_matches_published_digests_left_padded(string input, string expected, long gas)
    {
        Assert.Equal(expected, Run(Ripemd160Precompile.Instance, input));
        Assert.Equal(gas, Ripemd160Precompile.Instance.GasCost(Hex.Decode(input), Spec));
    }

    [Theory]
    [InlineData(Sample128, 27)]
    [InlineData("", 15)]
    [InlineData("01", 18)]
    public void Identity_copies_input(string input, long gas)
    {
        Assert.Equal(input, Run(IdentityPrecompile.Instance, input));
        Assert.Equal(gas, IdentityPrecompile.Instance.GasCost(Hex.Decode(input), Spec));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(32, 1)]
    [InlineData(33, 2)]
    [InlineData(64, 2)]
    [InlineData(65, 3)]
    public void Word_based_gas_rounds_up(int length, long words)
    {
        var input = new byte[length];
        Assert.Equal(60 + 12 * words, Sha256Precompile.Instance.GasCost(input, Spec));
        Assert.Equal(600 + 120 * words, Ripemd160Precompile.Instance.GasCost(input, Spec));
        Assert.Equal(15 + 3 * words, IdentityPrecompile.Instance.GasCost(input, Spec));
    }

    [Fact]
    public void Identity_output_is_a_copy_not_the_caller_buffer()
    {
        byte[] input = [1, 2, 3];
        Assert.True(IdentityPrecompile.Instance.TryRun(input, Spec, out byte[] output));
        input[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, output);
    }

    [Fact]
    public void Long_input_hashes_match_framework_digests()
    {
        var input = new byte[10_000];
        for (int i = 0; i < input.Length; i++) input[i] = (byte)(i * 7 + 3);
        Assert.True(Sha256Precompile.Instance.TryRun(input, Spec, out byte[] sha));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(input), sha);
        Assert.Equal(60 + 12 * 313, Sha256Precompile.Instance.GasCost(input, Spec));
    }
}
