using System.Security.Cryptography;
using EvmCluster.Evm.Crypto.Bls12381;
using EvmCluster.Evm.Precompiles;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Bls12381;

public class PointEvaluationPrecompileTests
{
    private const string SuccessOutput =
        "0000000000000000000000000000000000000000000000000000000000001000" +
        "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

    private const string Modulus = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

    // The precompile never consults the spec; the interface only requires one.
    private static readonly IReleaseSpec Spec = null!;

    private static readonly PointEvaluationPrecompile Precompile = PointEvaluationPrecompile.Instance;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in PointEvaluationVectors.All) data.Add(c.Name);
        return data;
    }

    private static byte[] VersionedHash(byte[] commitment)
    {
        byte[] hash = SHA256.HashData(commitment);
        hash[0] = 0x01;
        return hash;
    }

    private static byte[] Input(string commitment, string z, string y, string proof)
    {
        byte[] c = Convert.FromHexString(commitment);
        return [.. VersionedHash(c), .. Convert.FromHexString(z), .. Convert.FromHexString(y), .. c, .. Convert.FromHexString(proof)];
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void PublishedVerifyKzgProofCases(string name)
    {
        var c = PointEvaluationVectors.All.Single(v => v.Name == name);
        bool ok = Precompile.TryRun(Input(c.Commitment, c.Z, c.Y, c.Proof), Spec, out byte[] output);
        Assert.Equal(c.Expected == true, ok);
        Assert.Equal(ok ? SuccessOutput : "", Convert.ToHexStringLower(output));

        // Tell "does not verify" apart from "malformed": false cases decode, null cases do not.
        bool decodes = Scalar.TryFromBigEndian(Convert.FromHexString(c.Z), out Scalar z)
            & Scalar.TryFromBigEndian(Convert.FromHexString(c.Y), out Scalar y)
            & G1.TryDecompress(Convert.FromHexString(c.Commitment), out var commitment)
            & G1.TryDecompress(Convert.FromHexString(c.Proof), out var proof);
        Assert.Equal(c.Expected is not null, decodes);
        if (decodes) Assert.Equal(c.Expected, Kzg.VerifyProof(commitment, z, y, proof));
    }

    [Fact]
    public void GethPointEvaluationVector()
    {
        byte[] input = Convert.FromHexString(
            "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a");
        Assert.True(Precompile.TryRun(input, Spec, out byte[] output));
        Assert.Equal(SuccessOutput, Convert.ToHexStringLower(output));
        Assert.Equal(50_000, Precompile.GasCost(input, Spec));
    }

    private static byte[] ValidInput()
    {
        var c = PointEvaluationVectors.All.First(v => v.Name == "correct_proof_420f2a187ce77035");
        return Input(c.Commitment, c.Z, c.Y, c.Proof);
    }

    [Fact]
    public void GasIsFlatFiftyThousand()
    {
        Assert.Equal(50_000, Precompile.GasCost(ValidInput(), Spec));
        Assert.Equal(50_000, Precompile.GasCost([], Spec));
        Assert.Equal(50_000, Precompile.GasCost(new byte[1000], Spec));
    }

    [Fact]
    public void WrongInputLengthFails()
    {
        byte[] valid = ValidInput();
        Assert.True(Precompile.TryRun(valid, Spec, out _));
        Assert.False(Precompile.TryRun([], Spec, out _));
        Assert.False(Precompile.TryRun(valid[..191], Spec, out _));
        Assert.False(Precompile.TryRun([.. valid, 0], Spec, out _));
    }

    [Fact]
    public void WrongVersionedHashFails()
    {
        byte[] input = ValidInput();
        input[0] = 0x02;
        Assert.False(Precompile.TryRun(input, Spec, out _));
        input = ValidInput();
        input[31] ^= 1;
        Assert.False(Precompile.TryRun(input, Spec, out _));
        input = ValidInput();
        input[100] ^= 1;   // commitment changed, hash not
        Assert.False(Precompile.TryRun(input, Spec, out _));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void ScalarsAtOrAboveTheModulusFail(int offset)
    {
        foreach (string bad in new[] { Modulus, "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000002", new string('f', 64) })
        {
            byte[] input = ValidInput();
            Convert.FromHexString(bad).CopyTo(input, offset);
            Assert.False(Precompile.TryRun(input, Spec, out _));
        }
        // r - 1 is in range: the input is well formed (though no longer a valid opening).
        Assert.True(Scalar.TryFromBigEndian(Convert.FromHexString("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000"), out _));
        Assert.False(Scalar.TryFromBigEndian(Convert.FromHexString(Modulus), out _));
    }

    [Theory]
    [InlineData("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")] // compression flag clear
    [InlineData("9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")] // x = p
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")] // not on the curve
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004")] // not in G1
    [InlineData("e00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // infinity with sign
    [InlineData("c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")] // infinity, x ≠ 0
    [InlineData("800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")] // zero x, no infinity flag
    public void BadPointEncodingsFail(string point)
    {
        string infinity = "c0" + new string('0', 94);
        // As the commitment (with a matching versioned hash) and as the proof.
        Assert.False(Precompile.TryRun(Input(point, new string('0', 64), new string('0', 64), infinity), Spec, out _));
        Assert.False(Precompile.TryRun(Input(infinity, new string('0', 64), new string('0', 64), point), Spec, out _));
        // Control: both at infinity with y = 0 is a valid opening of the zero polynomial.
        Assert.True(Precompile.TryRun(Input(infinity, new string('0', 64), new string('0', 64), infinity), Spec, out _));
    }

    [Fact]
    public void ChangingYOrZBreaksTheProof()
    {
        byte[] input = ValidInput();
        input[95] ^= 1;
        Assert.False(Precompile.TryRun(input, Spec, out _));
        input = ValidInput();
        input[63] ^= 1;
        Assert.False(Precompile.TryRun(input, Spec, out _));
    }

    [Fact]
    public void OutputIsNotShared()
    {
        Assert.True(Precompile.TryRun(ValidInput(), Spec, out byte[] first));
        first[0] = 0xff;
        Assert.True(Precompile.TryRun(ValidInput(), Spec, out byte[] second));
        Assert.Equal(SuccessOutput, Convert.ToHexStringLower(second));
    }
}
