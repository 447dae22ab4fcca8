namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// The field operations the curve formulas need, as static members so generic point code over
/// <see cref="Fp"/> (G1) and <see cref="Fp2"/> (G2) is specialised by the JIT with no indirection.
/// Results may alias inputs.
/// </summary>
public interface IFieldElement<T> : IEquatable<T> where T : struct, IFieldElement<T>
{
    /// <summary>The additive identity.</summary>
    static abstract T Zero { get; }

    /// <summary>The multiplicative identity.</summary>
    static abstract T One { get; }

    /// <summary>True for the additive identity.</summary>
    bool IsZero { get; }

    /// <summary>r = a + b.</summary>
    static abstract void Add(in T a, in T b, out T r);

    /// <summary>r = a - b.</summary>
    static abstract void Sub(in T a, in T b, out T r);

    /// <summary>r = 2a.</summary>
    static abstract void Double(in T a, out T r);

    /// <summary>r = -a.</summary>
    static abstract void Neg(in T a, out T r);

    /// <summary>r = a·b.</summary>
    static abstract void Mul(in T a, in T b, out T r);

    /// <summary>r = a².</summary>
    static abstract void Square(in T a, out T r);

    /// <summary>r = a^-1 (zero maps to zero).</summary>
    static abstract void Inverse(in T a, out T r);
}
