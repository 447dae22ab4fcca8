using System.Numerics;
using EvmCluster.Evm.Crypto.Bls12381;

namespace EvmCluster.Evm.Tests.Bls12381;

/// <summary>Deterministic random field and tower elements for the property tests.</summary>
internal sealed class TestRandom(int seed)
{
    private readonly Random _rng = new(seed);

    public BigInteger Below(BigInteger modulus)
    {
        var bytes = new byte[modulus.GetByteCount(isUnsigned: true) + 16];
        _rng.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % modulus;
    }

    public Fp NextFp() => Fp.FromBigInteger(Below(Fp.Modulus));
    public Fp2 NextFp2() => new(NextFp(), NextFp());
    public Fp6 NextFp6() => new(NextFp2(), NextFp2(), NextFp2());
    public Fp12 NextFp12() => new(NextFp6(), NextFp6());
    public Scalar NextScalar() => Scalar.FromBigInteger(Below(Scalar.Order));
}

internal static class TestMath
{
    public static Fp12 Pow(Fp12 a, BigInteger e)
    {
        Fp12 result = Fp12.One;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            result = Fp12.Square(result);
            if (!((e >> (int)i) & 1).IsZero) result *= a;
        }
        return result;
    }

    public static Fp2 Pow(Fp2 a, BigInteger e)
    {
        Fp2 result = Fp2.One;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            result = Fp2.Square(result);
            if (!((e >> (int)i) & 1).IsZero) result *= a;
        }
        return result;
    }

    public static ulong[] Limbs(BigInteger k)
    {
        var limbs = new ulong[Math.Max(1, (int)((k.GetBitLength() + 63) / 64))];
        for (int i = 0; i < limbs.Length; i++)
        {
            limbs[i] = (ulong)(k & ulong.MaxValue);
            k >>= 64;
        }
        return limbs;
    }

    public static JacobianPoint<T> Mul<T>(in AffinePoint<T> p, BigInteger k) where T : unmanaged, IFieldElement<T> =>
        JacobianPoint<T>.Multiply(p.ToJacobian(), Limbs(k));
}
