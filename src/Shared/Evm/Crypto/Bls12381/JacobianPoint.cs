using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// A point of a curve y² = x³ + b in Jacobian coordinates (x, y) = (X/Z², Y/Z³), which add and
/// double without inversions; Z = 0 is the point at infinity. The formulas rely on a = 0, which
/// holds for both BLS12-381 groups.
/// </summary>
[SkipLocalsInit]
public readonly struct JacobianPoint<T> where T : unmanaged, IFieldElement<T>
{
    public readonly T X, Y, Z;

    public JacobianPoint(in T x, in T y, in T z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<T> Infinity => new(T.One, T.One, T.Zero);
    public bool IsInfinity => Z.IsZero;

    public static JacobianPoint<T> FromAffine(in AffinePoint<T> p) =>
        p.IsInfinity ? Infinity : new JacobianPoint<T>(p.X, p.Y, T.One);

    public AffinePoint<T> ToAffine()
    {
        if (IsInfinity) return AffinePoint<T>.Infinity;
        T zInv = T.Inverse(Z);
        T zInv2 = T.Square(zInv);
        return new AffinePoint<T>(T.Mul(X, zInv2), T.Mul(Y, T.Mul(zInv2, zInv)));
    }

    public JacobianPoint<T> Negate() => new(X, T.Neg(Y), Z);

    /// <summary>Y² = X³ + b·Z⁶, the curve equation with the denominators cleared.</summary>
    public bool IsOnCurve(in T b)
    {
        if (IsInfinity) return true;
        T z2 = T.Square(Z);
        T z6 = T.Mul(T.Square(z2), z2);
        return T.AreEqual(T.Square(Y), T.Add(T.Mul(T.Square(X), X), T.Mul(b, z6)));
    }

    public static JacobianPoint<T> Double(in JacobianPoint<T> p)
    {
        // 2M + 5S for a = 0 (Lange's dbl-2009-l). Z = 0 stays 0, and no point of these groups has Y = 0.
        T a = T.Square(p.X);
        T b = T.Square(p.Y);
        T c = T.Square(b);
        T d = T.Double(T.Sub(T.Sub(T.Square(T.Add(p.X, b)), a), c));
        T e = T.Add(T.Double(a), a);
        T f = T.Square(e);
        T x3 = T.Sub(f, T.Double(d));
        T c8 = T.Double(T.Double(T.Double(c)));
        T y3 = T.Sub(T.Mul(e, T.Sub(d, x3)), c8);
        T z3 = T.Double(T.Mul(p.Y, p.Z));
        return new JacobianPoint<T>(x3, y3, z3);
    }

    public static JacobianPoint<T> Add(in JacobianPoint<T> p, in JacobianPoint<T> q)
    {
        if (p.IsInfinity) return q;
        if (q.IsInfinity) return p;
        // 11M + 5S (add-2007-bl); equal x falls back to doubling or infinity.
        T z1z1 = T.Square(p.Z);
        T z2z2 = T.Square(q.Z);
        T u1 = T.Mul(p.X, z2z2);
        T u2 = T.Mul(q.X, z1z1);
        T s1 = T.Mul(T.Mul(p.Y, q.Z), z2z2);
        T s2 = T.Mul(T.Mul(q.Y, p.Z), z1z1);
        T h = T.Sub(u2, u1);
        T r = T.Double(T.Sub(s2, s1));
        if (h.IsZero) return r.IsZero ? Double(p) : Infinity;
        T i = T.Square(T.Double(h));
        T j = T.Mul(h, i);
        T v = T.Mul(u1, i);
        T x3 = T.Sub(T.Sub(T.Square(r), j), T.Double(v));
        T y3 = T.Sub(T.Mul(r, T.Sub(v, x3)), T.Double(T.Mul(s1, j)));
        T z3 = T.Mul(T.Sub(T.Sub(T.Square(T.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>p + q with q affine (Z = 1), which saves four multiplications.</summary>
    public static JacobianPoint<T> Add(in JacobianPoint<T> p, in AffinePoint<T> q)
    {
        if (q.IsInfinity) return p;
        if (p.IsInfinity) return FromAffine(q);
        // 7M + 4S (madd-2007-bl)
        T z1z1 = T.Square(p.Z);
        T u2 = T.Mul(q.X, z1z1);
        T s2 = T.Mul(T.Mul(q.Y, p.Z), z1z1);
        T h = T.Sub(u2, p.X);
        T r = T.Double(T.Sub(s2, p.Y));
        if (h.IsZero) return r.IsZero ? Double(p) : Infinity;
        T hh = T.Square(h);
        T i = T.Double(T.Double(hh));
        T j = T.Mul(h, i);
        T v = T.Mul(p.X, i);
        T x3 = T.Sub(T.Sub(T.Square(r), j), T.Double(v));
        T y3 = T.Sub(T.Mul(r, T.Sub(v, x3)), T.Double(T.Mul(p.Y, j)));
        T z3 = T.Sub(T.Sub(T.Square(T.Add(p.Z, h)), z1z1), hh);
        return new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>[k]p for a scalar of any length given as little-endian 64-bit limbs, with a 4-bit fixed window.</summary>
    public static JacobianPoint<T> Multiply(in JacobianPoint<T> p, ReadOnlySpan<ulong> k)
    {
        Span<JacobianPoint<T>> table = stackalloc JacobianPoint<T>[16];
        table[0] = Infinity;
        table[1] = p;
        for (int i = 2; i < 16; i++) table[i] = (i & 1) == 0 ? Double(table[i >> 1]) : Add(table[i - 1], p);

        JacobianPoint<T> acc = Infinity;
        for (int nibble = k.Length * 16 - 1; nibble >= 0; nibble--)
        {
            if (!acc.IsInfinity)
                acc = Double(Double(Double(Double(acc))));
            int w = (int)((k[nibble >> 4] >> ((nibble & 15) * 4)) & 15);
            if (w != 0) acc = Add(acc, table[w]);
        }
        return acc;
    }

    /// <summary>[k]p by plain double-and-add with mixed additions: the cheapest choice for sparse scalars.</summary>
    public static JacobianPoint<T> MultiplySparse(in AffinePoint<T> p, ReadOnlySpan<ulong> k)
    {
        JacobianPoint<T> acc = Infinity;
        for (int bit = k.Length * 64 - 1; bit >= 0; bit--)
        {
            if (!acc.IsInfinity) acc = Double(acc);
            if (((k[bit >> 6] >> (bit & 63)) & 1) != 0) acc = Add(acc, p);
        }
        return acc;
    }

    /// <summary>Converts many points to affine with one field inversion (Montgomery's trick).</summary>
    public static void BatchToAffine(ReadOnlySpan<JacobianPoint<T>> points, Span<AffinePoint<T>> result)
    {
        if (result.Length < points.Length) throw new ArgumentException("result is too short", nameof(result));
        // prefix[i] = product of the non-zero Z of points[0..i)
        var prefix = new T[points.Length];
        T acc = T.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = acc;
            if (!points[i].IsInfinity) acc = T.Mul(acc, points[i].Z);
        }
        T inv = T.Inverse(acc);
        for (int i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].IsInfinity)
            {
                result[i] = AffinePoint<T>.Infinity;
                continue;
            }
            T zInv = T.Mul(inv, prefix[i]);
            inv = T.Mul(inv, points[i].Z);
            T zInv2 = T.Square(zInv);
            result[i] = new AffinePoint<T>(T.Mul(points[i].X, zInv2), T.Mul(points[i].Y, T.Mul(zInv2, zInv)));
        }
    }

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public static bool AreEqual(in JacobianPoint<T> p, in JacobianPoint<T> q)
    {
        if (p.IsInfinity || q.IsInfinity) return p.IsInfinity && q.IsInfinity;
        T z1z1 = T.Square(p.Z), z2z2 = T.Square(q.Z);
        return T.AreEqual(T.Mul(p.X, z2z2), T.Mul(q.X, z1z1))
            && T.AreEqual(T.Mul(T.Mul(p.Y, q.Z), z2z2), T.Mul(T.Mul(q.Y, p.Z), z1z1));
    }
}
