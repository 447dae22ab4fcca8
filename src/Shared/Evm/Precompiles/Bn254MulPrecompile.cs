using EvmCluster.Evm.Crypto.Bn254;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// 0x07 ecMul (EIP-196): a BN254 G1 point times a 256-bit scalar. Input is right-padded with zeros to 96 bytes
/// (x, y, scalar, big-endian); the point is validated as for ecAdd, the scalar may be any 256-bit value.
/// </summary>
public sealed class Bn254MulPrecompile : IPrecompile
{
    /// <summary>The shared instance.</summary>
    public static readonly Bn254MulPrecompile Instance = new();

    private Bn254MulPrecompile() { }

    /// <inheritdoc/>
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => spec.IsEip1108Enabled ? 6000 : 40000;

    /// <inheritdoc/>
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        Span<byte> padded = stackalloc byte[96];
        padded.Clear();
        input[..Math.Min(input.Length, 96)].CopyTo(padded);
        if (!G1Point.TryDecode(padded[..64], out G1Point point))
        {
            output = [];
            return false;
        }
        Span<ulong> scalar = stackalloc ulong[4];
        G1Point.ReadScalar(padded[64..], scalar);
        output = new byte[64];
        G1Point.Multiply(in point, scalar).Encode(output);
        return true;
    }
}
