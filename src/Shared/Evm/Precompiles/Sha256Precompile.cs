using System.Security.Cryptography;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>Precompile 0x02: SHA-256 of the input, 60 gas plus 12 per 32-byte word.</summary>
public sealed class Sha256Precompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly Sha256Precompile Instance = new();

    private Sha256Precompile() { }

    /// <inheritdoc />
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => 60L + 12L * ((input.Length + 31L) / 32);

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        output = new byte[32];
        SHA256.HashData(input, output);
        return true;
    }
}
