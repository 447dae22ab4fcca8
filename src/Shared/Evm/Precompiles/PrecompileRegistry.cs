using EvmCluster.Evm.Core;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>Which precompiles a fork has: 0x01–0x04 from Frontier, 0x05–0x08 Byzantium, 0x09 Istanbul, 0x0a Cancun.</summary>
public static class PrecompileRegistry
{
    private static readonly IPrecompile[] All =
    [
        EcRecoverPrecompile.Instance, Sha256Precompile.Instance, Ripemd160Precompile.Instance, IdentityPrecompile.Instance,
        ModExpPrecompile.Instance, Bn254AddPrecompile.Instance, Bn254MulPrecompile.Instance, Bn254PairingPrecompile.Instance,
        Blake2FPrecompile.Instance, PointEvaluationPrecompile.Instance,
    ];

    /// <summary>The highest precompile address of <paramref name="spec"/>.</summary>
    public static uint Count(ReleaseSpec spec) =>
        spec.IsEip4844Enabled ? 10u : spec.IsEip152Enabled ? 9u : spec.IsEip196Enabled ? 8u : 4u;

    public static bool IsPrecompile(Address address, ReleaseSpec spec) => address.IsLowAddressUpTo(Count(spec));

    /// <summary>The precompile at <paramref name="address"/>; only valid when <see cref="IsPrecompile"/> holds.</summary>
    public static IPrecompile Get(Address address) => All[address.LowUInt32 - 1];

    private static readonly Address[] AllAddresses = Enumerable.Range(1, All.Length).Select(i => Address.FromLowBytes((ulong)i)).ToArray();

    /// <summary>The fork's precompile addresses (warm from the start of every transaction under EIP-2929).</summary>
    public static ReadOnlySpan<Address> Addresses(ReleaseSpec spec) => AllAddresses.AsSpan(0, (int)Count(spec));
}
