using EvmCluster.Evm.Crypto.Bn254;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// 0x08 ecPairing (EIP-197): 1 when the product of the BN254 pairings of the given (G1, G2) pairs is one.
/// Input is k 192-byte pairs: G1 (x, y) then G2 (x_imag, x_real, y_imag, y_real). A length not a multiple of
/// 192, a coordinate not below p, a G1 point off the curve or a G2 point outside the order-r subgroup fails the call.
/// </summary>
public sealed class Bn254PairingPrecompile : IPrecompile
{
    private const int PairSize = 192;

    /// <summary>The shared instance.</summary>
    public static readonly Bn254PairingPrecompile Instance = new();

    private Bn254PairingPrecompile() { }

    /// <inheritdoc/>
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec)
    {
        long pairs = input.Length / PairSize;
        return spec.IsEip1108Enabled ? 45000 + 34000 * pairs : 100000 + 80000 * pairs;
    }

    /// <inheritdoc/>
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        if (input.Length % PairSize != 0)
        {
            output = [];
            return false;
        }
        int k = input.Length / PairSize;
        var g1 = new G1Point[k];
        var g2 = new G2Point[k];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * PairSize, PairSize);
            // Every pair is validated, even one whose other point is infinity and so contributes nothing.
            if (!G1Point.TryDecode(pair[..64], out g1[i]) || !G2Point.TryDecode(pair[64..], out g2[i]))
            {
                output = [];
                return false;
            }
        }
        output = new byte[32];
        if (Pairing.Check(g1, g2)) output[31] = 1;
        return true;
    }
}
