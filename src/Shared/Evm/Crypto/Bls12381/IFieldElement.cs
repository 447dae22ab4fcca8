namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// The field operations the generic curve formulas use, implemented by <see cref="Fp"/> (for G1)
/// and <see cref="Fp2"/> (for G2). Static abstract members let the JIT specialise each curve's
/// code for its own struct, so the abstraction costs nothing at run time.
/// </summary>
public interface IFieldElement<T> where T : unmanaged, IFieldElement<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    bool IsZero { get; }
    static abstract T Add(in T a, in T b);
    static abstract T Sub(in T a, in T b);
    static abstract T Neg(in T a);
    static abstract T Double(in T a);
    static abstract T Mul(in T a, in T b);
    static abstract T Square(in T a);
    static abstract T Inverse(in T a);
    static abstract bool AreEqual(in T a, in T b);
}
