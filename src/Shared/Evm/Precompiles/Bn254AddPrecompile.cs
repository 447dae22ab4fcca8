using EvmCluster.Evm.Crypto.Bn254;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// 0x06 ecAdd (EIP-196): the sum of two BN254 G1 points. Input is right-padded with zeros to 128 bytes
/// (x1, y1, x2, y2, big-endian); a coordinate not below p or a point off the curve fails the call.
/// </summary>
public sealed class Bn254AddPrecompile : IPrecompile
{
    /// <summary>The shared instance.</summary>
    public static readonly Bn254AddPrecompile Instance = new();

    private Bn254AddPrecompile() { }

    /// <inheritdoc/>
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => spec.IsEip1108Enabled ? 150 : 500;

    /// <inheritdoc/>
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        Span<byte> padded = stackalloc byte[128];
        padded.Clear();
        input[..Math.Min(input.Length, 128)].CopyTo(padded);
        if (!G1Point.TryDecode(padded[..64], out G1Point a) || !G1Point.TryDecode(padded[64..], out G1Point b))
        {
            output = [];
            return false;
        }
        output = new byte[64];
        G1Point.Add(in a, in b).Encode(output);
        return true;
    }
}
