using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Execution.Processing;

/// <summary>Proof-of-work block and uncle rewards (none after the merge).</summary>
public static class BlockRewards
{
    private static readonly UInt256 Ether = UInt256.Parse("1000000000000000000");

    /// <summary>5 ETH from Frontier, 3 from Byzantium (EIP-649), 2 from Constantinople (EIP-1234), 0 from Paris.</summary>
    public static UInt256 BaseReward(ReleaseSpec spec) =>
        spec.IsEip4399Enabled ? UInt256.Zero
        : spec.IsEip145Enabled ? Ether * 2
        : spec.IsEip140Enabled ? Ether * 3
        : Ether * 5;

    /// <summary>The miner's reward for including <paramref name="uncleCount"/> uncles: base + base/32 each.</summary>
    public static UInt256 MinerReward(ReleaseSpec spec, int uncleCount)
    {
        UInt256 baseReward = BaseReward(spec);
        return baseReward + baseReward / 32 * (ulong)uncleCount;
    }

    /// <summary>An uncle's miner gets (uncle + 8 − block) / 8 of the base reward.</summary>
    public static UInt256 UncleReward(ReleaseSpec spec, long blockNumber, long uncleNumber) =>
        BaseReward(spec) * (ulong)(uncleNumber + 8 - blockNumber) / 8;
}
