using System.Buffers.Binary;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// Affine point of G1: y² = x³ + 3 over F_p, whose whole group has prime order r (no cofactor). The point
/// at infinity is (0, 0), as in Ethereum's encoding; (0, 0) itself is not on the curve, so this is unambiguous.
/// </summary>
public struct G1Point
{
    /// <summary>Affine coordinates.</summary>
    public Fp X, Y;

    private static readonly Fp B = Fp.FromUInt64(3);

    /// <summary>Creates (x, y) without checking it.</summary>
    public G1Point(in Fp x, in Fp y) { X = x; Y = y; }

    /// <summary>The point at infinity.</summary>
    public static G1Point Infinity => default;

    /// <summary>The standard generator (1, 2).</summary>
    public static G1Point Generator => new(Fp.One, Fp.FromUInt64(2));

    /// <summary>True for the point at infinity.</summary>
    public readonly bool IsInfinity => X.IsZero && Y.IsZero;

    /// <summary>True when the point satisfies the curve equation (infinity counts as on the curve).</summary>
    public readonly bool IsOnCurve
    {
        get
        {
            if (IsInfinity) return true;
            Fp.Square(in Y, out Fp lhs);
            Fp.Square(in X, out Fp rhs);
            Fp.Mul(in rhs, in X, out rhs);
            Fp.Add(in rhs, in B, out rhs);
            return lhs.Equals(rhs);
        }
    }

    /// <summary>
    /// Reads 64 bytes (x then y, 32-byte big-endian each). False when a coordinate is not below p or the point
    /// is neither on the curve nor (0, 0).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input64, out G1Point point)
    {
        point = default;
        if (!Fp.TryFromBigEndian(input64[..32], out point.X) || !Fp.TryFromBigEndian(input64[32..64], out point.Y))
            return false;
        return point.IsOnCurve;
    }

    /// <summary>Writes x then y as 32-byte big-endian integers (64 zero bytes for infinity).</summary>
    public readonly void Encode(Span<byte> destination64)
    {
        X.WriteBigEndian(destination64[..32]);
        Y.WriteBigEndian(destination64[32..64]);
    }

    /// <summary>This point in Jacobian coordinates.</summary>
    public readonly JacobianPoint<Fp> ToJacobian() =>
        IsInfinity ? JacobianPoint<Fp>.Infinity : JacobianPoint<Fp>.FromAffine(in X, in Y);

    /// <summary>The affine form of a Jacobian point (one field inversion).</summary>
    public static G1Point FromJacobian(in JacobianPoint<Fp> p)
    {
        p.ToAffine(out Fp x, out Fp y);
        return new G1Point(in x, in y);
    }

    /// <summary>a + b.</summary>
    public static G1Point Add(in G1Point a, in G1Point b)
    {
        if (a.IsInfinity) return b;
        if (b.IsInfinity) return a;
        JacobianPoint<Fp> ja = JacobianPoint<Fp>.FromAffine(in a.X, in a.Y);
        JacobianPoint<Fp>.AddAffine(in ja, in b.X, in b.Y, out JacobianPoint<Fp> sum);
        return FromJacobian(in sum);
    }

    /// <summary>-a.</summary>
    public static G1Point Negate(in G1Point a)
    {
        Fp.Neg(in a.Y, out Fp y);
        return new G1Point(in a.X, in y);
    }

    /// <summary>k·a for a little-endian multi-limb scalar of any size (not reduced mod r first).</summary>
    public static G1Point Multiply(in G1Point a, ReadOnlySpan<ulong> scalar)
    {
        if (a.IsInfinity) return Infinity;
        JacobianPoint<Fp> j = JacobianPoint<Fp>.FromAffine(in a.X, in a.Y);
        JacobianPoint<Fp>.Multiply(in j, scalar, out JacobianPoint<Fp> product);
        return FromJacobian(in product);
    }

    /// <summary>Reads a 32-byte big-endian integer into four little-endian limbs.</summary>
    public static void ReadScalar(ReadOnlySpan<byte> bytes32, Span<ulong> limbs4)
    {
        limbs4[0] = BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]);
        limbs4[1] = BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]);
        limbs4[2] = BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]);
        limbs4[3] = BinaryPrimitives.ReadUInt64BigEndian(bytes32);
    }
}
