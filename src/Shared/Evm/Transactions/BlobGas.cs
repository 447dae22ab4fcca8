using System.Numerics;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Transactions;

/// <summary>EIP-4844 blob gas pricing.</summary>
public static class BlobGas
{
    public const ulong TargetPerBlock = 3 * Specs.ReleaseSpec.BlobGasPerBlob;
    private const ulong MinBaseFee = 1;
    private const ulong BaseFeeUpdateFraction = 3_338_477;

    /// <summary>The blob base fee for a block with <paramref name="excessBlobGas"/>: fake_exponential(1, excess, 3338477).</summary>
    public static UInt256 BaseFee(ulong excessBlobGas)
    {
        BigInteger numerator = excessBlobGas, denominator = BaseFeeUpdateFraction;
        BigInteger output = 0, accumulator = MinBaseFee * denominator;
        for (int i = 1; accumulator > 0; i++)
        {
            output += accumulator;
            accumulator = accumulator * numerator / (denominator * i);
        }
        return UInt256.FromBigInteger(output / denominator);
    }

    /// <summary>The next block's excess blob gas from the parent's excess and usage.</summary>
    public static ulong NextExcess(ulong parentExcess, ulong parentUsed) =>
        parentExcess + parentUsed < TargetPerBlock ? 0 : parentExcess + parentUsed - TargetPerBlock;
}
