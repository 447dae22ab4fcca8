using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>Precompile 0x04: returns its input, 15 gas plus 3 per 32-byte word.</summary>
public sealed class IdentityPrecompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly IdentityPrecompile Instance = new();

    private IdentityPrecompile() { }

    /// <inheritdoc />
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => 15L + 3L * ((input.Length + 31L) / 32);

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        output = input.ToArray();
        return true;
    }
}
