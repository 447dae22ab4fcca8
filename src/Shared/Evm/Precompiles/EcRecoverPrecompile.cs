using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// Precompile 0x01: recovers the signer address from (hash, v, r, s), each a 32-byte word, for 3000 gas.
/// Bad signatures do not fail the call: they return empty output.
/// </summary>
public sealed class EcRecoverPrecompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly EcRecoverPrecompile Instance = new();

    private const int InputSize = 128;

    private EcRecoverPrecompile() { }

    /// <inheritdoc />
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => 3000L;

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        // Short input reads as if right-padded with zeros; anything past 128 bytes is ignored.
        Span<byte> words = stackalloc byte[InputSize];
        int copied = Math.Min(input.Length, InputSize);
        input[..copied].CopyTo(words);
        words[copied..].Clear();

        // v is the whole 32-byte word: only 27 or 28 qualify, any other high byte makes it invalid.
        byte v = words[63];
        if (words.Slice(32, 31).ContainsAnyExcept((byte)0) || (v != 27 && v != 28)
            || !Secp256k1Recovery.TryRecoverAddress(words[..32], words.Slice(64, 32), words.Slice(96, 32), v - 27, out Address sender))
        {
            output = [];
            return true;
        }

        output = new byte[32];
        sender.WriteTo(output.AsSpan(12));
        return true;
    }
}
