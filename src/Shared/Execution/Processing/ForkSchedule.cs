using EvmCluster.Evm.Specs;

namespace EvmCluster.Execution.Processing;

/// <summary>Which fork rules a block runs under, by block number (to Paris) and timestamp (from Shanghai).</summary>
public sealed class ForkSchedule
{
    private readonly (long Block, ReleaseSpec Spec)[] _byNumber;
    private readonly (ulong Timestamp, ReleaseSpec Spec)[] _byTime;

    public ForkSchedule((long Block, ReleaseSpec Spec)[] byNumber, (ulong Timestamp, ReleaseSpec Spec)[] byTime)
    {
        _byNumber = byNumber;
        _byTime = byTime;
    }

    /// <summary>Ethereum mainnet.</summary>
    public static readonly ForkSchedule Mainnet = new(
        [
            (0, Forks.Frontier), (1_150_000, Forks.Homestead), (2_463_000, Forks.TangerineWhistle),
            (2_675_000, Forks.SpuriousDragon), (4_370_000, Forks.Byzantium), (7_280_000, Forks.Petersburg),
            (9_069_000, Forks.Istanbul), (9_200_000, Forks.MuirGlacier), (12_244_000, Forks.Berlin),
            (12_965_000, Forks.London), (13_773_000, Forks.ArrowGlacier), (15_050_000, Forks.GrayGlacier),
            (15_537_394, Forks.Paris),
        ],
        [(1_681_338_455, Forks.Shanghai), (1_710_338_135, Forks.Cancun)]);

    /// <summary>One fork from genesis on (test networks, benchmark workloads).</summary>
    public static ForkSchedule Fixed(ReleaseSpec spec) => new([(0, spec)], []);

    public ReleaseSpec For(long number, ulong timestamp)
    {
        ReleaseSpec spec = _byNumber[0].Spec;
        foreach (var (block, s) in _byNumber) if (number >= block) spec = s;
        foreach (var (time, s) in _byTime) if (timestamp >= time && spec.IsEip4399Enabled) spec = s;
        return spec;
    }
}
