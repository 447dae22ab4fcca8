using System.Numerics;
using EvmCluster.Evm.Crypto.Bn254;

namespace EvmCluster.Evm.Tests.Bn254;

/// <summary>
/// Independent BigInteger arithmetic to check the limb code against: F_p, F_p² as pairs, F_p¹² as polynomials
/// modulo w¹² - 18w⁶ + 82 (w⁶ = ξ = 9 + i), and conversions from the library's types.
/// </summary>
internal static class Bn254Reference
{
    public static readonly BigInteger P = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    public static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    public static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    public static BigInteger RandomBelow(Random rng, BigInteger bound)
    {
        byte[] bytes = new byte[bound.GetByteCount() + 8];
        rng.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % bound;
    }

    public static Fp ToFp(BigInteger x)
    {
        Assert.True(Fp.TryFromBigEndian(ToBytes32(x), out Fp v));
        return v;
    }

    public static BigInteger ToBig(in Fp x)
    {
        Span<byte> buf = stackalloc byte[32];
        x.WriteBigEndian(buf);
        return new BigInteger(buf, isUnsigned: true, isBigEndian: true);
    }

    public static byte[] ToBytes32(BigInteger x)
    {
        byte[] raw = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] result = new byte[32];
        raw.CopyTo(result, 32 - raw.Length);
        return result;
    }

    public static ulong[] ToLimbs(BigInteger x)
    {
        var limbs = new ulong[4];
        for (int i = 0; i < 4; i++) limbs[i] = (ulong)((x >> (64 * i)) & ulong.MaxValue);
        return limbs;
    }

    public static Fp2 ToFp2(BigInteger c0, BigInteger c1) => new(ToFp(c0), ToFp(c1));

    public static (BigInteger, BigInteger) ToBig(in Fp2 x) => (ToBig(x.C0), ToBig(x.C1));

    public static (BigInteger, BigInteger) Fp2Mul((BigInteger a, BigInteger b) x, (BigInteger a, BigInteger b) y) =>
        (Mod(x.a * y.a - x.b * y.b), Mod(x.a * y.b + x.b * y.a));

    public static (BigInteger, BigInteger) Fp2Pow((BigInteger, BigInteger) x, BigInteger e)
    {
        (BigInteger, BigInteger) result = (1, 0);
        for (; !e.IsZero; e >>= 1)
        {
            if (!e.IsEven) result = Fp2Mul(result, x);
            x = Fp2Mul(x, x);
        }
        return result;
    }

    /// <summary>A square root in F_p² when one exists (Adj–Rodríguez-Henríquez, for p ≡ 3 mod 4), else null.</summary>
    public static (BigInteger, BigInteger)? Fp2Sqrt((BigInteger, BigInteger) a)
    {
        var a1 = Fp2Pow(a, (P - 3) / 4);
        var alpha = Fp2Mul(a1, Fp2Mul(a1, a));
        var x0 = Fp2Mul(a1, a);
        (BigInteger, BigInteger) root;
        if (alpha == (P - 1, 0)) root = Fp2Mul((0, 1), x0);
        else root = Fp2Mul(Fp2Pow((Mod(alpha.Item1 + 1), alpha.Item2), (P - 1) / 2), x0);
        return Fp2Mul(root, root) == (Mod(a.Item1), Mod(a.Item2)) ? root : null;
    }

    /// <summary>F_p¹² element as 12 coefficients of 1, w, …, w¹¹.</summary>
    public static BigInteger[] Flatten(in Fp12 x)
    {
        // Tower basis w^k carries the F_p² coefficient c0 + c1·i with i = w⁶ - 9.
        Fp2[] byPower = [x.C0.B0, x.C1.B0, x.C0.B1, x.C1.B1, x.C0.B2, x.C1.B2];
        var flat = new BigInteger[12];
        for (int k = 0; k < 6; k++)
        {
            BigInteger a = ToBig(byPower[k].C0), b = ToBig(byPower[k].C1);
            flat[k] = Mod(flat[k] + a - 9 * b);
            flat[k + 6] = Mod(flat[k + 6] + b);
        }
        return flat;
    }

    public static BigInteger[] Fp12Mul(BigInteger[] x, BigInteger[] y)
    {
        var wide = new BigInteger[23];
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 12; j++)
                wide[i + j] += x[i] * y[j];
        // w¹² = 18w⁶ - 82, folded from the top down.
        for (int k = 22; k >= 12; k--)
        {
            BigInteger c = wide[k] % P;
            wide[k] = 0;
            wide[k - 6] += 18 * c;
            wide[k - 12] -= 82 * c;
        }
        var result = new BigInteger[12];
        for (int i = 0; i < 12; i++) result[i] = Mod(wide[i]);
        return result;
    }

    public static BigInteger[] Fp12Pow(BigInteger[] x, BigInteger e)
    {
        var result = new BigInteger[12];
        result[0] = 1;
        for (; !e.IsZero; e >>= 1)
        {
            if (!e.IsEven) result = Fp12Mul(result, x);
            x = Fp12Mul(x, x);
        }
        return result;
    }

    public static bool IsFp12One(BigInteger[] x) => x[0].IsOne && x.Skip(1).All(c => c.IsZero);

    public static Fp12 RandomFp12(Random rng)
    {
        Fp2 F() => ToFp2(RandomBelow(rng, P), RandomBelow(rng, P));
        return new Fp12(new Fp6(F(), F(), F()), new Fp6(F(), F(), F()));
    }

    /// <summary>A random point on the twist (almost never in G2: the twist order is r times a large cofactor).</summary>
    public static G2Point RandomTwistPoint(Random rng)
    {
        var b = ToBig(G2Point.B);
        while (true)
        {
            var x = (RandomBelow(rng, P), RandomBelow(rng, P));
            var rhs = Fp2Mul(Fp2Mul(x, x), x);
            rhs = (Mod(rhs.Item1 + b.Item1), Mod(rhs.Item2 + b.Item2));
            var y = Fp2Sqrt(rhs);
            if (y is { } root) return new G2Point(ToFp2(x.Item1, x.Item2), ToFp2(root.Item1, root.Item2));
        }
    }

    public static G1Point G1Mul(in G1Point p, BigInteger k) => G1Point.Multiply(in p, ToLimbs(k));

    public static G2Point G2Mul(in G2Point q, BigInteger k) => G2Point.Multiply(in q, ToLimbs(k));

    public static Fp12 Fp12Pow(in Fp12 x, BigInteger e)
    {
        Fp12 result = Fp12.One, b = x;
        for (; !e.IsZero; e >>= 1)
        {
            if (!e.IsEven) Fp12.Mul(in result, in b, out result);
            Fp12.Square(in b, out b);
        }
        return result;
    }
}
