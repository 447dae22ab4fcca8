namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// A double-width (768-bit) integer: an unreduced product of two field elements. Summing
/// products before one Montgomery reduction ("lazy reduction") saves reductions in Fp2
/// products and in cyclotomic squaring; see <see cref="Fp.Reduce"/> for the accepted range.
/// </summary>
internal readonly struct FpWide(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5,
    ulong l6, ulong l7, ulong l8, ulong l9, ulong l10, ulong l11)
{
    public readonly ulong L0 = l0, L1 = l1, L2 = l2, L3 = l3, L4 = l4, L5 = l5;
    public readonly ulong L6 = l6, L7 = l7, L8 = l8, L9 = l9, L10 = l10, L11 = l11;
}
