using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Precompiles;

/// <summary>A precompiled contract: a pure function of its input with a fork-dependent price.</summary>
public interface IPrecompile
{
    /// <summary>Gas charged for <paramref name="input"/> under <paramref name="spec"/> (may exceed long range: saturate at long.MaxValue).</summary>
    long GasCost(ReadOnlySpan<byte> input, IReleaseSpec spec);

    /// <summary>Runs the contract. False means the call fails and consumes all gas given to it.</summary>
    bool TryRun(ReadOnlySpan<byte> input, IReleaseSpec spec, out byte[] output);
}
