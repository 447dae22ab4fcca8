using System.Buffers.Binary;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// Precompile 0x09 (EIP-152): the BLAKE2b compression function F. Input is exactly 213 bytes:
/// rounds (4, big-endian), h (64), m (128), t (16) as little-endian words, and a final-block flag (1).
/// Costs one gas per round.
/// </summary>
public sealed class Blake2FPrecompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly Blake2FPrecompile Instance = new();

    private const int InputSize = 213;

    private Blake2FPrecompile() { }

    /// <inheritdoc />
    /// <remarks>Malformed lengths cost nothing here: the run fails and burns all gas anyway.</remarks>
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) =>
        input.Length == InputSize ? BinaryPrimitives.ReadUInt32BigEndian(input) : 0;

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        output = [];
        if (input.Length != InputSize) return false;
        byte flag = input[212];
        if (flag > 1) return false;

        uint rounds = BinaryPrimitives.ReadUInt32BigEndian(input);
        Span<ulong> h = stackalloc ulong[8];
        Span<ulong> m = stackalloc ulong[16];
        for (int i = 0; i < 8; i++) h[i] = BinaryPrimitives.ReadUInt64LittleEndian(input[(4 + i * 8)..]);
        for (int i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt64LittleEndian(input[(68 + i * 8)..]);
        ulong t0 = BinaryPrimitives.ReadUInt64LittleEndian(input[196..]);
        ulong t1 = BinaryPrimitives.ReadUInt64LittleEndian(input[204..]);

        Blake2F.Compress(rounds, h, m, t0, t1, flag == 1);

        output = new byte[64];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output.AsSpan(i * 8), h[i]);
        return true;
    }
}
