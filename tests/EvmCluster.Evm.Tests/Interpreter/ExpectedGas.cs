using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>Gas arithmetic for expected values, written from the Yellow Paper rules over <see cref="GasCostOf"/>.</summary>
public static class ExpectedGas
{
    public static long Words(long bytes) => (bytes + 31) / 32;

    /// <summary>Total price of a memory of <paramref name="words"/> words: 3·w + w²/512.</summary>
    public static long Memory(long words) => GasCostOf.Memory * words + words * words / GasCostOf.QuadCoeffDiv;

    /// <summary>Price of growing memory from <paramref name="fromWords"/> to <paramref name="toWords"/> words.</summary>
    public static long Expansion(long fromWords, long toWords) => Memory(toWords) - Memory(fromWords);

    /// <summary>n PUSHn/DUPn/SWAPn instructions.</summary>
    public static long VeryLow(int count) => count * GasCostOf.VeryLow;

    /// <summary>
    /// <see cref="BytecodeBuilder.ReturnTop"/> (PUSH, MSTORE, PUSH, PUSH, RETURN) on a memory of
    /// <paramref name="wordsInUse"/> words.
    /// </summary>
    public static long ReturnTop(long wordsInUse = 0) => VeryLow(4) + Expansion(wordsInUse, Math.Max(1, wordsInUse));

    /// <summary>
    /// <see cref="BytecodeBuilder.InitCodeFor"/>'s prefix: five pushes/DUP plus CODECOPY of
    /// <paramref name="runtimeLength"/> bytes into empty memory.
    /// </summary>
    public static long InitCodePrefix(int runtimeLength) =>
        VeryLow(6) + GasCostOf.Copy * Words(runtimeLength) + Memory(Words(runtimeLength));

    /// <summary>What <see cref="BytecodeBuilder.Measure"/> reports for a body costing <paramref name="bodyGas"/>.</summary>
    public static long Measured(long bodyGas) => bodyGas + GasCostOf.Base;

    /// <summary>Gas <see cref="BytecodeBuilder.Measure"/> itself adds to the execution: two GAS, SWAP1, SUB.</summary>
    public static readonly long MeasureOverhead = 2 * GasCostOf.Base + 2 * GasCostOf.VeryLow;

    /// <summary>The 63/64 rule of EIP-150: what a call or creation may pass on from <paramref name="available"/>.</summary>
    public static long AllButOne64th(long available) => available - available / 64;
}
