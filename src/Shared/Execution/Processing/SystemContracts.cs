using EvmCluster.Evm.Core;

namespace EvmCluster.Execution.Processing;

/// <summary>Addresses and limits of the calls the protocol makes into the state at block boundaries.</summary>
public static class SystemContracts
{
    /// <summary>The caller of system calls (EIP-4788).</summary>
    public static readonly Address SystemAddress = Address.Parse("0xfffffffffffffffffffffffffffffffffffffffe");

    /// <summary>EIP-4788's ring buffer of beacon block roots.</summary>
    public static readonly Address BeaconRoots = Address.Parse("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02");

    public const long SystemCallGas = 30_000_000;
}
