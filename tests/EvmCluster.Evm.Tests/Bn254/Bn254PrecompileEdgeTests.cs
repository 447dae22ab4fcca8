using System.Numerics;
using EvmCluster.Evm.Crypto.Bn254;
using EvmCluster.Evm.Precompiles;
using static EvmCluster.Evm.Tests.Bn254.Bn254Reference;

namespace EvmCluster.Evm.Tests.Bn254;

/// <summary>Invalid inputs, points at infinity and padding rules of the three precompiles.</summary>
public class Bn254PrecompileEdgeTests
{
    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Word(BigInteger x) => ToBytes32(x);

    private static byte[] G1Bytes(in G1Point p)
    {
        var b = new byte[64];
        p.Encode(b);
        return b;
    }

    private static byte[] G2Bytes(in G2Point q)
    {
        var b = new byte[128];
        q.Encode(b);
        return b;
    }

    private static void AssertFails(IPrecompile precompile, byte[] input)
    {
        Assert.False(precompile.TryRun(input, Bn254TestSpec.Istanbul, out byte[] output));
        Assert.Empty(output);
        Assert.False(precompile.TryRun(input, Bn254TestSpec.Byzantium, out _));
    }

    private static byte[] Run(IPrecompile precompile, byte[] input)
    {
        Assert.True(precompile.TryRun(input, Bn254TestSpec.Istanbul, out byte[] output));
        return output;
    }

    private static readonly byte[] G1 = Concat(Word(1), Word(2));

    public static TheoryData<string> InvalidG1Points => new()
    {
        Convert.ToHexString(Concat(Word(1), Word(3))),         // off the curve
        Convert.ToHexString(Concat(Word(0), Word(1))),         // off the curve, x = 0
        Convert.ToHexString(Concat(Word(P + 1), Word(2))),     // x ≥ p although x mod p = 1 would be valid
        Convert.ToHexString(Concat(Word(1), Word(P + 2))),     // y ≥ p although y mod p = 2 would be valid
        Convert.ToHexString(Concat(Word(P), Word(0))),         // (p, 0) is not an encoding of infinity
    };

    [Theory]
    [MemberData(nameof(InvalidG1Points))]
    public void Invalid_G1_points_fail_every_precompile(string pointHex)
    {
        byte[] bad = Convert.FromHexString(pointHex);
        AssertFails(Bn254AddPrecompile.Instance, Concat(bad, G1));
        AssertFails(Bn254AddPrecompile.Instance, Concat(G1, bad));
        AssertFails(Bn254MulPrecompile.Instance, Concat(bad, Word(1)));
        AssertFails(Bn254MulPrecompile.Instance, Concat(bad, Word(0)));
        AssertFails(Bn254PairingPrecompile.Instance, Concat(bad, G2Bytes(G2Point.Generator)));
        AssertFails(Bn254PairingPrecompile.Instance, Concat(bad, new byte[128]));
    }

    [Fact]
    public void EcAdd_reads_only_the_first_128_bytes_and_pads_short_input()
    {
        byte[] expected = Concat(Word(BigInteger.Parse("1368015179489954701390400359078579693043519447331113978918064868415326638035")),
                                 Word(BigInteger.Parse("9918110051302171585080402603319702774565515993150576347155970296011118125764")));
        Assert.Equal(expected, Run(Bn254AddPrecompile.Instance, Concat(G1, G1, Enumerable.Repeat((byte)0xff, 70).ToArray())));
        Assert.Equal(G1, Run(Bn254AddPrecompile.Instance, G1));
        Assert.Equal(G1, Run(Bn254AddPrecompile.Instance, G1[..63].Concat(new byte[] { 2 }).ToArray()));
        Assert.Equal(new byte[64], Run(Bn254AddPrecompile.Instance, [0]));
        // P + (-P) is infinity, encoded as zeros.
        G1Point neg = G1Point.Negate(G1Point.Generator);
        Assert.Equal(new byte[64], Run(Bn254AddPrecompile.Instance, Concat(G1, G1Bytes(neg))));
        AssertFails(Bn254AddPrecompile.Instance, Concat(G1, G1[..63], new byte[] { 3 }));
    }

    [Fact]
    public void EcMul_scalars_are_full_256_bit_values()
    {
        Assert.Equal(new byte[64], Run(Bn254MulPrecompile.Instance, Concat(G1, Word(0))));
        Assert.Equal(new byte[64], Run(Bn254MulPrecompile.Instance, Concat(G1, Word(R))));
        Assert.Equal(new byte[64], Run(Bn254MulPrecompile.Instance, G1));             // missing scalar reads as zero
        Assert.Equal(G1, Run(Bn254MulPrecompile.Instance, Concat(G1, Word(R + 1))));
        Assert.Equal(G1, Run(Bn254MulPrecompile.Instance, Concat(G1, Word(1), Word(5)))); // bytes past 96 ignored
        Assert.Equal(new byte[64], Run(Bn254MulPrecompile.Instance, Concat(new byte[64], Word(12345))));
        byte[] minusOne = G1Bytes(G1Point.Negate(G1Point.Generator));
        Assert.Equal(minusOne, Run(Bn254MulPrecompile.Instance, Concat(G1, Word(R - 1))));
        BigInteger max = (BigInteger.One << 256) - 1;
        Assert.Equal(G1Bytes(G1Mul(G1Point.Generator, max % R)), Run(Bn254MulPrecompile.Instance, Concat(G1, Word(max))));
    }

    [Fact]
    public void EcPairing_rejects_lengths_that_are_not_whole_pairs()
    {
        byte[] pair = Concat(G1, G2Bytes(G2Point.Generator));
        AssertFails(Bn254PairingPrecompile.Instance, pair[..191]);
        AssertFails(Bn254PairingPrecompile.Instance, Concat(pair, new byte[1]));
        AssertFails(Bn254PairingPrecompile.Instance, new byte[1]);
        // Gas still follows the whole pairs in the input.
        Assert.Equal(45000 + 34000, Bn254PairingPrecompile.Instance.GasCost(Concat(pair, new byte[1]), Bn254TestSpec.Istanbul));
        Assert.Equal(100000, Bn254PairingPrecompile.Instance.GasCost(pair[..191], Bn254TestSpec.Byzantium));
    }

    [Fact]
    public void EcPairing_validates_G2_coordinates_curve_and_subgroup()
    {
        var rng = new Random(31);
        G2Point outsider = RandomTwistPoint(rng);
        Assert.True(outsider.IsOnCurve);
        AssertFails(Bn254PairingPrecompile.Instance, Concat(G1, G2Bytes(outsider)));
        AssertFails(Bn254PairingPrecompile.Instance, Concat(new byte[64], G2Bytes(outsider)));

        byte[] gen = G2Bytes(G2Point.Generator);
        byte[] offCurve = (byte[])gen.Clone();
        offCurve[127] ^= 1;
        AssertFails(Bn254PairingPrecompile.Instance, Concat(G1, offCurve));

        // Real and imaginary parts swapped: a different, invalid point.
        byte[] swapped = Concat(gen[32..64], gen[..32], gen[96..128], gen[64..96]);
        AssertFails(Bn254PairingPrecompile.Instance, Concat(G1, swapped));

        for (int coordinate = 0; coordinate < 4; coordinate++)
        {
            byte[] big = (byte[])gen.Clone();
            BigInteger value = new(big.AsSpan(coordinate * 32, 32), isUnsigned: true, isBigEndian: true);
            Word(value + P).CopyTo(big, coordinate * 32);
            AssertFails(Bn254PairingPrecompile.Instance, Concat(G1, big));
        }
    }

    [Fact]
    public void EcPairing_handles_points_at_infinity()
    {
        byte[] one = Word(1), zero = Word(0);
        byte[] gen = G2Bytes(G2Point.Generator);
        Assert.Equal(one, Run(Bn254PairingPrecompile.Instance, []));
        Assert.Equal(one, Run(Bn254PairingPrecompile.Instance, new byte[192]));
        Assert.Equal(one, Run(Bn254PairingPrecompile.Instance, Concat(new byte[64], gen)));
        Assert.Equal(one, Run(Bn254PairingPrecompile.Instance, Concat(G1, new byte[128])));
        Assert.Equal(zero, Run(Bn254PairingPrecompile.Instance, Concat(G1, gen, new byte[192])));
        byte[] negG1 = G1Bytes(G1Point.Negate(G1Point.Generator));
        Assert.Equal(one, Run(Bn254PairingPrecompile.Instance, Concat(G1, gen, new byte[192], negG1, gen)));
        Assert.Equal(zero, Run(Bn254PairingPrecompile.Instance, Concat(G1, gen, G1, gen)));
    }

    [Fact]
    public void Gas_follows_EIP_1108()
    {
        Assert.Equal(150, Bn254AddPrecompile.Instance.GasCost([], Bn254TestSpec.Istanbul));
        Assert.Equal(500, Bn254AddPrecompile.Instance.GasCost([], Bn254TestSpec.Byzantium));
        Assert.Equal(6000, Bn254MulPrecompile.Instance.GasCost([], Bn254TestSpec.Istanbul));
        Assert.Equal(40000, Bn254MulPrecompile.Instance.GasCost([], Bn254TestSpec.Byzantium));
        Assert.Equal(45000 + 3 * 34000, Bn254PairingPrecompile.Instance.GasCost(new byte[576], Bn254TestSpec.Istanbul));
        Assert.Equal(100000 + 3 * 80000, Bn254PairingPrecompile.Instance.GasCost(new byte[576], Bn254TestSpec.Byzantium));
    }
}
