namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// A point (X/Z², Y/Z³) on a curve y² = x³ + b over <typeparamref name="T"/> (no x term, as for BN254 G1 and
/// its twist). Jacobian coordinates avoid a field inversion per group operation; Z = 0 is the point at infinity.
/// </summary>
public struct JacobianPoint<T> where T : unmanaged, IFieldElement<T>
{
    /// <summary>Jacobian coordinates.</summary>
    public T X, Y, Z;

    /// <summary>The point at infinity.</summary>
    public static JacobianPoint<T> Infinity => new() { X = T.One, Y = T.One, Z = T.Zero };

    /// <summary>True for the point at infinity.</summary>
    public readonly bool IsInfinity => Z.IsZero;

    /// <summary>Lifts an affine point (not infinity) to Z = 1.</summary>
    public static JacobianPoint<T> FromAffine(in T x, in T y) => new() { X = x, Y = y, Z = T.One };

    /// <summary>r = -p.</summary>
    public static void Negate(in JacobianPoint<T> p, out JacobianPoint<T> r)
    {
        r.X = p.X;
        T.Neg(in p.Y, out r.Y);
        r.Z = p.Z;
    }

    /// <summary>r = 2p ("dbl-2009-l", valid because a = 0).</summary>
    public static void Double(in JacobianPoint<T> p, out JacobianPoint<T> r)
    {
        T.Square(in p.X, out T a);
        T.Square(in p.Y, out T b);
        T.Square(in b, out T c);
        T.Add(in p.X, in b, out T d);
        T.Square(in d, out d);
        T.Sub(in d, in a, out d);
        T.Sub(in d, in c, out d);
        T.Double(in d, out d);            // D = 2((X + B)² - A - C) = 4XY²
        T.Double(in a, out T e);
        T.Add(in e, in a, out e);         // E = 3X²
        T.Square(in e, out T f);
        T.Mul(in p.Y, in p.Z, out T z3);
        T.Double(in z3, out r.Z);         // Z3 = 2YZ, zero for infinity so infinity doubles to itself
        T.Double(in d, out T t);
        T.Sub(in f, in t, out r.X);       // X3 = F - 2D
        T.Sub(in d, in r.X, out t);
        T.Mul(in e, in t, out t);
        T.Double(in c, out c); T.Double(in c, out c); T.Double(in c, out c);
        T.Sub(in t, in c, out r.Y);       // Y3 = E(D - X3) - 8C
    }

    /// <summary>r = p + q for any two points, including equal, opposite and infinite ones ("add-2007-bl").</summary>
    public static void Add(in JacobianPoint<T> p, in JacobianPoint<T> q, out JacobianPoint<T> r)
    {
        if (p.IsInfinity) { r = q; return; }
        if (q.IsInfinity) { r = p; return; }
        T.Square(in p.Z, out T z1z1);
        T.Square(in q.Z, out T z2z2);
        T.Mul(in p.X, in z2z2, out T u1);
        T.Mul(in q.X, in z1z1, out T u2);
        T.Mul(in p.Y, in q.Z, out T s1);
        T.Mul(in s1, in z2z2, out s1);
        T.Mul(in q.Y, in p.Z, out T s2);
        T.Mul(in s2, in z1z1, out s2);
        T.Sub(in u2, in u1, out T h);
        T.Sub(in s2, in s1, out T rr);
        if (h.IsZero)
        {
            // Same x: either the same point (double it) or opposite points (sum is infinity).
            if (rr.IsZero) Double(in p, out r);
            else r = Infinity;
            return;
        }
        T.Add(in p.Z, in q.Z, out T z3);
        T.Square(in z3, out z3);
        T.Sub(in z3, in z1z1, out z3);
        T.Sub(in z3, in z2z2, out z3);
        T.Mul(in z3, in h, out z3);       // Z3 = ((Z1 + Z2)² - Z1Z1 - Z2Z2)·H = 2·Z1·Z2·H
        Finish(in u1, in s1, in h, in rr, in z3, out r);
    }

    /// <summary>r = p + (x, y) for an affine, finite second point ("madd-2007-bl").</summary>
    public static void AddAffine(in JacobianPoint<T> p, in T x, in T y, out JacobianPoint<T> r)
    {
        if (p.IsInfinity) { r = FromAffine(in x, in y); return; }
        T.Square(in p.Z, out T z1z1);
        T.Mul(in x, in z1z1, out T u2);
        T.Mul(in y, in p.Z, out T s2);
        T.Mul(in s2, in z1z1, out s2);
        T.Sub(in u2, in p.X, out T h);
        T.Sub(in s2, in p.Y, out T rr);
        if (h.IsZero)
        {
            if (rr.IsZero) Double(in p, out r);
            else r = Infinity;
            return;
        }
        // Z3 = (Z1 + H)² - Z1Z1 - H² = 2·Z1·H, the general formula's Z3 with Z2 = 1.
        T.Add(in p.Z, in h, out T z3);
        T.Square(in z3, out z3);
        T.Sub(in z3, in z1z1, out z3);
        T.Square(in h, out T hh);
        T.Sub(in z3, in hh, out z3);
        Finish(in p.X, in p.Y, in h, in rr, in z3, out r);
    }

    // Shared tail of both additions, with rr = S2 - S1 not yet doubled and Z3 already computed as 2·Z1·Z2·H.
    private static void Finish(in T u1, in T s1, in T h, in T rr, in T z3, out JacobianPoint<T> r)
    {
        T.Double(in h, out T i);
        T.Square(in i, out i);            // I = (2H)²
        T.Mul(in h, in i, out T j);       // J = H·I
        T.Double(in rr, out T r2);        // r = 2(S2 - S1)
        T.Mul(in u1, in i, out T v);      // V = U1·I
        T.Square(in r2, out T x3);
        T.Sub(in x3, in j, out x3);
        T.Sub(in x3, in v, out x3);
        T.Sub(in x3, in v, out x3);       // X3 = r² - J - 2V
        T.Sub(in v, in x3, out T y3);
        T.Mul(in r2, in y3, out y3);
        T.Mul(in s1, in j, out T sj);
        T.Double(in sj, out sj);
        T.Sub(in y3, in sj, out y3);      // Y3 = r(V - X3) - 2·S1·J
        r.X = x3;
        r.Y = y3;
        r.Z = z3;
    }

    /// <summary>Affine coordinates; infinity maps to (0, 0), the encoding Ethereum uses for it.</summary>
    public readonly void ToAffine(out T x, out T y)
    {
        if (IsInfinity) { x = T.Zero; y = T.Zero; return; }
        T.Inverse(in Z, out T zInv);
        T.Square(in zInv, out T zInv2);
        T.Mul(in X, in zInv2, out x);
        T.Mul(in zInv2, in zInv, out T zInv3);
        T.Mul(in Y, in zInv3, out y);
    }

    /// <summary>True when both represent the same point (compares X1·Z2² = X2·Z1², Y1·Z2³ = Y2·Z1³).</summary>
    public static bool AreEqual(in JacobianPoint<T> p, in JacobianPoint<T> q)
    {
        if (p.IsInfinity || q.IsInfinity) return p.IsInfinity && q.IsInfinity;
        T.Square(in p.Z, out T z1z1);
        T.Square(in q.Z, out T z2z2);
        T.Mul(in p.X, in z2z2, out T a);
        T.Mul(in q.X, in z1z1, out T b);
        if (!a.Equals(b)) return false;
        T.Mul(in z1z1, in p.Z, out z1z1);
        T.Mul(in z2z2, in q.Z, out z2z2);
        T.Mul(in p.Y, in z2z2, out a);
        T.Mul(in q.Y, in z1z1, out b);
        return a.Equals(b);
    }

    /// <summary>
    /// r = k·p for a little-endian multi-limb scalar k, by width-5 NAF over the odd multiples p, 3p, …, 15p:
    /// about one addition per six doublings.
    /// </summary>
    public static void Multiply(in JacobianPoint<T> p, ReadOnlySpan<ulong> scalar, out JacobianPoint<T> r)
    {
        const int Width = 5;
        Span<sbyte> digits = stackalloc sbyte[scalar.Length * 64 + 1];
        int length = ScalarRecoding.Wnaf(scalar, Width, digits);
        if (length == 0 || p.IsInfinity) { r = Infinity; return; }

        Span<JacobianPoint<T>> table = stackalloc JacobianPoint<T>[1 << (Width - 2)];
        table[0] = p;
        Double(in p, out JacobianPoint<T> twice);
        for (int i = 1; i < table.Length; i++) Add(in table[i - 1], in twice, out table[i]);

        JacobianPoint<T> acc = Infinity;
        for (int i = length - 1; i >= 0; i--)
        {
            if (!acc.IsInfinity) Double(in acc, out acc);
            int d = digits[i];
            if (d > 0) Add(in acc, in table[d >> 1], out acc);
            else if (d < 0)
            {
                Negate(in table[(-d) >> 1], out JacobianPoint<T> neg);
                Add(in acc, in neg, out acc);
            }
        }
        r = acc;
    }
}
