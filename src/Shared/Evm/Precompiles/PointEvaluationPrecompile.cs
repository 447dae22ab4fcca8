using System.Security.Cryptography;
using EvmCluster.Evm.Crypto.Bls12381;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// The EIP-4844 point evaluation precompile (address 0x0a): verifies a KZG proof that the blob
/// committed to by a versioned hash evaluates to y at z. Input is versioned_hash (32) | z (32) |
/// y (32) | commitment (48) | proof (48); every failure consumes all gas.
/// </summary>
public sealed class PointEvaluationPrecompile : IPrecompile
{
    public static readonly PointEvaluationPrecompile Instance = new();

    private const long Gas = 50_000;
    private const int InputLength = 192;
    private const byte VersionedHashVersionKzg = 0x01;

    // FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS, each as a 32-byte big-endian word.
    private static readonly byte[] SuccessOutput = Convert.FromHexString(
        "0000000000000000000000000000000000000000000000000000000000001000" +
        "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private PointEvaluationPrecompile()
    {
    }

    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        output = [];
        if (input.Length != InputLength) return false;

        ReadOnlySpan<byte> versionedHash = input[..32];
        ReadOnlySpan<byte> commitmentBytes = input.Slice(96, G1.CompressedLength);
        ReadOnlySpan<byte> proofBytes = input.Slice(144, G1.CompressedLength);

        Span<byte> expectedHash = stackalloc byte[32];
        SHA256.HashData(commitmentBytes, expectedHash);
        expectedHash[0] = VersionedHashVersionKzg;
        if (!versionedHash.SequenceEqual(expectedHash)) return false;

        if (!Scalar.TryFromBigEndian(input.Slice(32, 32), out Scalar z)) return false;
        if (!Scalar.TryFromBigEndian(input.Slice(64, 32), out Scalar y)) return false;
        if (!G1.TryDecompress(commitmentBytes, out AffinePoint<Fp> commitment)) return false;
        if (!G1.TryDecompress(proofBytes, out AffinePoint<Fp> proof)) return false;
        if (!Kzg.VerifyProof(commitment, z, y, proof)) return false;

        output = (byte[])SuccessOutput.Clone();
        return true;
    }
}
