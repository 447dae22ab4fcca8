namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// Verification of KZG opening proofs (EIP-4844) against Ethereum's trusted setup: a commitment C
/// to a polynomial f, a point z, a claimed value y = f(z) and a proof π = [q(τ)]G1 for the
/// quotient q(X) = (f(X) - y)/(X - z).
/// </summary>
public static class Kzg
{
    /// <summary>[τ]G2, the second G2 point of the Ethereum KZG ceremony's output.</summary>
    public static readonly AffinePoint<Fp2> TauG2 = G2.FromHex(
        "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2",
        "15bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72",
        "014353bdb96b626dd7d5ee8599d1fca2131569490e28de18e82451a496a9c9794ce26d105941f383ee689bfbbb832a99",
        "1666c54b0a32529503432fcae0181b4bef79de09fc63671fda5ed1ba9bfa07899495346f3d7ac9cd23048ef30d0a154f");

    // The G2 sides of the two pairings, in the order VerifyProof pairs them.
    private static readonly G2Prepared[] PreparedG2 = [new G2Prepared(G2.Generator), new G2Prepared(TauG2)];

    /// <summary>
    /// Whether e(C - [y]G1, G2) = e(π, [τ]G2 - [z]G2). Inputs must already be validated G1
    /// elements and scalars below r.
    /// </summary>
    /// <remarks>
    /// By bilinearity e(π, [τ - z]G2) = e(π, [τ]G2)·e([z]π, G2)⁻¹, so the check is evaluated as
    /// e(C - [y]G1 + [z]π, G2)·e(-π, [τ]G2) = 1: both G2 arguments are then fixed points whose
    /// Miller loop lines are precomputed, and all scalar work happens in the cheaper G1.
    /// </remarks>
    public static bool VerifyProof(in AffinePoint<Fp> commitment, in Scalar z, in Scalar y, in AffinePoint<Fp> proof)
    {
        JacobianPoint<Fp> lhs = JacobianPoint<Fp>.Add(G1.Multiply(proof, z), commitment);
        lhs = JacobianPoint<Fp>.Add(lhs, G1.MultiplyGenerator(y).Negate());
        Span<JacobianPoint<Fp>> ps = [lhs, proof.Negate().ToJacobian()];
        return Pairing.PairingProductIsOne(ps, PreparedG2);
    }
}
