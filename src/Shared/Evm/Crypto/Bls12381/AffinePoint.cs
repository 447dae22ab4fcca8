namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>A point (X, Y) of a curve y² = x³ + b over <typeparamref name="T"/>, or the point at infinity.</summary>
public readonly struct AffinePoint<T> : IEquatable<AffinePoint<T>> where T : unmanaged, IFieldElement<T>
{
    public readonly T X, Y;
    public readonly bool IsInfinity;

    public AffinePoint(in T x, in T y)
    {
        X = x;
        Y = y;
        IsInfinity = false;
    }

    private AffinePoint(bool infinity)
    {
        X = default;
        Y = default;
        IsInfinity = infinity;
    }

    public static AffinePoint<T> Infinity => new(true);

    public AffinePoint<T> Negate() => IsInfinity ? this : new AffinePoint<T>(X, T.Neg(Y));

    /// <summary>Whether y² = x³ + b; the point at infinity is on every curve.</summary>
    public bool IsOnCurve(in T b) =>
        IsInfinity || T.AreEqual(T.Square(Y), T.Add(T.Mul(T.Square(X), X), b));

    public JacobianPoint<T> ToJacobian() => JacobianPoint<T>.FromAffine(this);

    public bool Equals(AffinePoint<T> other) =>
        IsInfinity ? other.IsInfinity : !other.IsInfinity && T.AreEqual(X, other.X) && T.AreEqual(Y, other.Y);

    public override bool Equals(object? obj) => obj is AffinePoint<T> other && Equals(other);
    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);
    public override string ToString() => IsInfinity ? "infinity" : $"({X}, {Y})";

    public static bool operator ==(in AffinePoint<T> a, in AffinePoint<T> b) => a.Equals(b);
    public static bool operator !=(in AffinePoint<T> a, in AffinePoint<T> b) => !a.Equals(b);
}
