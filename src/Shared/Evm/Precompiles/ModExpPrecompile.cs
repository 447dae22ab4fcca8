using System.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>
/// Precompile 0x05 (EIP-198): base^exp mod m over big-endian integers of caller-given lengths,
/// priced by EIP-198 before Berlin and by EIP-2565 from Berlin on.
/// </summary>
/// <remarks>
/// Input: three 32-byte length words (base, exponent, modulus), then the three numbers back to back.
/// Anything read past the end of the input is zero. The output is exactly modulus-length bytes.
/// </remarks>
public sealed class ModExpPrecompile : IPrecompile
{
    /// <summary>The shared stateless instance.</summary>
    public static readonly ModExpPrecompile Instance = new();

    private const int HeaderSize = 96;

    private ModExpPrecompile() { }

    /// <inheritdoc />
    public long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec) => ModExpGas.Compute(input, spec.IsEip2565Enabled);

    /// <inheritdoc />
    public bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output)
    {
        UInt128 baseLen = ModExpGas.ReadLength(input, 0);
        UInt128 expLen = ModExpGas.ReadLength(input, 32);
        UInt128 modLen = ModExpGas.ReadLength(input, 64);

        if (modLen == 0)
        {
            output = [];
            return true;
        }
        // Gas makes this unreachable in practice; an output that no array can hold fails the call.
        if (modLen > (UInt128)(uint)Array.MaxLength)
        {
            output = [];
            return false;
        }

        int modSize = (int)modLen;
        output = new byte[modSize];
        ReadOnlySpan<byte> data = input.Length > HeaderSize ? input[HeaderSize..] : [];

        // The modulus follows base and exponent. If it starts past the input it is zero, and then the
        // result is all zeros whatever base and exponent claim to be, so they are never read.
        if (baseLen >= (UInt128)(uint)data.Length || expLen >= (UInt128)(uint)data.Length) return true;
        int baseSize = (int)baseLen;
        int expSize = (int)expLen;
        long modOffset = (long)baseSize + expSize;
        if (modOffset >= data.Length) return true;

        ReadOnlySpan<byte> modPresent = data.Slice((int)modOffset, (int)Math.Min(modSize, data.Length - modOffset));
        if (!modPresent.ContainsAnyExcept((byte)0)) return true;

        // Base and exponent lie wholly inside the input here.
        ReadOnlySpan<byte> baseBytes = data[..baseSize];
        ReadOnlySpan<byte> expBytes = data.Slice(baseSize, expSize);

        // A modulus cut short by the input end is padded with zero bytes, so it is even: only a complete
        // one can be odd, which the Montgomery path needs.
        if (modPresent.Length == modSize && MontgomeryModExp.TryModPow(baseBytes, expBytes, modPresent, output)) return true;

        // The output buffer doubles as the zero-padded modulus so the padding costs no extra allocation.
        modPresent.CopyTo(output);
        var modulus = new BigInteger(output, isUnsigned: true, isBigEndian: true);
        Array.Clear(output);
        if (modulus.IsOne) return true;

        var @base = new BigInteger(baseBytes, isUnsigned: true, isBigEndian: true);
        var exponent = new BigInteger(expBytes, isUnsigned: true, isBigEndian: true);
        BigInteger result = BigInteger.ModPow(@base, exponent, modulus);

        int resultSize = result.GetByteCount(isUnsigned: true);
        if (!result.TryWriteBytes(output.AsSpan(modSize - resultSize), out _, isUnsigned: true, isBigEndian: true))
            throw new InvalidOperationException("a residue is always shorter than its modulus");
        return true;
    }
}
