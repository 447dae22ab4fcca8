using EvmCluster.Evm.Specs;
using Org.BouncyCastle.Crypto.Digests;

namespace EvmCluster.Evm.Precompiles;

/// <summary>Precompile 0x03: RIPEMD-160 of the input left-padded to 32 bytes, 600 gas plus 120 per word.</summary>
public sealed class Ripemd160Precompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly Ripemd160Precompile Instance = new();

    private Ripemd160Precompile() { }

    /// <inheritdoc />
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => 600L + 120L * ((input.Length + 31L) / 32);

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        // A digest carries state, so each call gets its own (it is small and cheap to create).
        var digest = new RipeMD160Digest();
        digest.BlockUpdate(input);
        output = new byte[32];
        digest.DoFinal(output.AsSpan(12));
        return true;
    }
}
