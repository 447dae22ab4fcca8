namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// Affine point on the sextic twist y² = x³ + 3/ξ over F_p² (ξ = 9 + i), where G2 is the subgroup of order r.
/// The twist group is r times a large cofactor, so membership in G2 must be checked separately from the
/// curve equation. The point at infinity is (0, 0).
/// </summary>
public struct G2Point
{
    /// <summary>Affine coordinates.</summary>
    public Fp2 X, Y;

    /// <summary>Creates (x, y) without checking it.</summary>
    public G2Point(in Fp2 x, in Fp2 y) { X = x; Y = y; }

    /// <summary>The twist coefficient b' = 3/ξ.</summary>
    public static readonly Fp2 B = ComputeB();

    /// <summary>The BN seed u (6u + 2 drives the Miller loop; u drives the subgroup test).</summary>
    public const ulong Seed = 4965661367192848881;

    /// <summary>The standard generator of G2 from EIP-197.</summary>
    public static readonly G2Point Generator = DecodeConstant(
        "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2" +
        "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed" +
        "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b" +
        "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa");

    /// <summary>The point at infinity.</summary>
    public static G2Point Infinity => default;

    /// <summary>True for the point at infinity.</summary>
    public readonly bool IsInfinity => X.IsZero && Y.IsZero;

    private static Fp2 ComputeB()
    {
        Fp2 xi = new(Fp.FromUInt64(9), Fp.One);
        Fp2.Inverse(in xi, out Fp2 inv);
        Fp2.MulByFp(in inv, Fp.FromUInt64(3), out Fp2 b);
        return b;
    }

    private static G2Point DecodeConstant(string hex)
    {
        if (!TryDecodeCoordinates(Convert.FromHexString(hex), out G2Point p)) throw new InvalidOperationException("bad G2 constant");
        return p;
    }

    /// <summary>True when the point satisfies the twist equation (infinity counts as on the curve).</summary>
    public readonly bool IsOnCurve
    {
        get
        {
            if (IsInfinity) return true;
            Fp2.Square(in Y, out Fp2 lhs);
            Fp2.Square(in X, out Fp2 rhs);
            Fp2.Mul(in rhs, in X, out rhs);
            Fp2.Add(in rhs, in B, out rhs);
            return lhs.Equals(rhs);
        }
    }

    /// <summary>
    /// Reads 128 bytes as Ethereum encodes a G2 point: x imaginary, x real, y imaginary, y real, each a 32-byte
    /// big-endian integer. False unless every coordinate is below p and the point is infinity or a G2 member.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input128, out G2Point point)
    {
        if (!TryDecodeCoordinates(input128, out point)) return false;
        if (point.IsInfinity) return true;
        return point.IsOnCurve && point.IsInSubgroup();
    }

    private static bool TryDecodeCoordinates(ReadOnlySpan<byte> input128, out G2Point point)
    {
        point = default;
        return Fp.TryFromBigEndian(input128[..32], out point.X.C1)
            && Fp.TryFromBigEndian(input128[32..64], out point.X.C0)
            && Fp.TryFromBigEndian(input128[64..96], out point.Y.C1)
            && Fp.TryFromBigEndian(input128[96..128], out point.Y.C0);
    }

    /// <summary>Writes the point in the same order TryDecode reads it.</summary>
    public readonly void Encode(Span<byte> destination128)
    {
        X.C1.WriteBigEndian(destination128[..32]);
        X.C0.WriteBigEndian(destination128[32..64]);
        Y.C1.WriteBigEndian(destination128[64..96]);
        Y.C0.WriteBigEndian(destination128[96..128]);
    }

    /// <summary>This point in Jacobian coordinates.</summary>
    public readonly JacobianPoint<Fp2> ToJacobian() =>
        IsInfinity ? JacobianPoint<Fp2>.Infinity : JacobianPoint<Fp2>.FromAffine(in X, in Y);

    /// <summary>The affine form of a Jacobian point.</summary>
    public static G2Point FromJacobian(in JacobianPoint<Fp2> p)
    {
        p.ToAffine(out Fp2 x, out Fp2 y);
        return new G2Point(in x, in y);
    }

    /// <summary>a + b.</summary>
    public static G2Point Add(in G2Point a, in G2Point b)
    {
        JacobianPoint<Fp2>.Add(a.ToJacobian(), b.ToJacobian(), out JacobianPoint<Fp2> sum);
        return FromJacobian(in sum);
    }

    /// <summary>-a.</summary>
    public static G2Point Negate(in G2Point a)
    {
        Fp2.Neg(in a.Y, out Fp2 y);
        return new G2Point(in a.X, in y);
    }

    /// <summary>k·a for a little-endian multi-limb scalar.</summary>
    public static G2Point Multiply(in G2Point a, ReadOnlySpan<ulong> scalar)
    {
        JacobianPoint<Fp2>.Multiply(a.ToJacobian(), scalar, out JacobianPoint<Fp2> product);
        return FromJacobian(in product);
    }

    /// <summary>
    /// ψ = twist⁻¹ ∘ Frobenius ∘ twist: (x, y) ↦ (x̄·ξ^((p-1)/3), ȳ·ξ^((p-1)/2)). On G2 it acts as multiplication
    /// by p. Conjugation is a field automorphism, so it applies to Jacobian coordinates unchanged.
    /// </summary>
    public static void Psi(in JacobianPoint<Fp2> p, out JacobianPoint<Fp2> r)
    {
        Fp2.Conjugate(in p.X, out Fp2 x);
        Fp2.Conjugate(in p.Y, out Fp2 y);
        Fp2.Conjugate(in p.Z, out r.Z);
        Fp2.Mul(in x, in Fp12.FrobeniusFactor(1, 2), out r.X);
        Fp2.Mul(in y, in Fp12.FrobeniusFactor(1, 3), out r.Y);
    }

    /// <summary>
    /// Membership in the order-r subgroup for a point already on the twist, using the criterion of
    /// eprint 2022/348 that holds for the BN254 seed: [u+1]Q + ψ([u]Q) + ψ²([u]Q) = ψ³([2u]Q).
    /// It costs one 63-bit multiplication instead of the 254-bit [r]Q.
    /// </summary>
    public readonly bool IsInSubgroup()
    {
        if (IsInfinity) return true;
        JacobianPoint<Fp2> q = JacobianPoint<Fp2>.FromAffine(in X, in Y);
        ReadOnlySpan<ulong> seed = [Seed];
        JacobianPoint<Fp2>.Multiply(in q, seed, out JacobianPoint<Fp2> uq);

        JacobianPoint<Fp2>.AddAffine(in uq, in X, in Y, out JacobianPoint<Fp2> lhs);
        Psi(in uq, out JacobianPoint<Fp2> t);
        JacobianPoint<Fp2>.Add(in lhs, in t, out lhs);
        Psi(in t, out t);
        JacobianPoint<Fp2>.Add(in lhs, in t, out lhs);

        JacobianPoint<Fp2>.Double(in uq, out JacobianPoint<Fp2> rhs);
        Psi(in rhs, out rhs);
        Psi(in rhs, out rhs);
        Psi(in rhs, out rhs);
        return JacobianPoint<Fp2>.AreEqual(in lhs, in rhs);
    }

    /// <summary>The plain membership test [r]Q = O, the definition the fast test is checked against.</summary>
    public readonly bool IsInSubgroupByOrder()
    {
        ReadOnlySpan<ulong> order = [0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029];
        JacobianPoint<Fp2>.Multiply(ToJacobian(), order, out JacobianPoint<Fp2> rq);
        return rq.IsInfinity;
    }
}
