using System.Numerics;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Tests.Numerics;

/// <summary>Deterministic input generators and BigInteger reference helpers for the UInt256 tests.</summary>
internal static class U256Ref
{
    public static readonly BigInteger TwoTo256 = BigInteger.One << 256;
    public static readonly BigInteger TwoTo255 = BigInteger.One << 255;
    public static readonly BigInteger Mask256 = TwoTo256 - 1;
    private static readonly BigInteger Mask64 = ulong.MaxValue;

    private static readonly ulong[] InterestingLimbs =
    [
        0, 1, 2, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63, (1UL << 63) - 1, 1UL << 62, 0x8000_0000_0000_0001,
        0xFFFF_FFFF, 0x1_0000_0000,
        // Divisors of 2^128 - 1: as a top divisor limb over an all-ones limb they force rare reciprocal corrections.
        0x8e05e117d9e786d5, 0xd6329033d6329033,
    ];

    /// <summary>0, 1, 2^64 - 1, 2^64, 2^128, 2^255, 2^256 - 1, 2^255 - 1 and friends.</summary>
    public static readonly UInt256[] Edges =
    [
        new(0),
        new(1),
        new(2),
        new(3),
        new(10),
        new(ulong.MaxValue),
        new(0, 1),
        new(ulong.MaxValue, ulong.MaxValue),
        new(0, 0, 1),
        new(0, 0, 0, 1),
        new(0, 0, 0, 1UL << 63),
        new(1, 0, 0, 1UL << 63),
        new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
        new(ulong.MaxValue - 1, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
        new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, long.MaxValue),
        new(0, ulong.MaxValue, 0, ulong.MaxValue),
        new(ulong.MaxValue, 0, ulong.MaxValue, 0),
        new(0, 0, ulong.MaxValue, ulong.MaxValue),
        new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
        new(1UL << 63, 0, 0, 0),
        new(0, 1UL << 63),
        new(0, 0, 1UL << 63),
    ];

    public static BigInteger Big(in UInt256 x) =>
        x.U0 + ((BigInteger)x.U1 << 64) + ((BigInteger)x.U2 << 128) + ((BigInteger)x.U3 << 192);

    /// <summary>Reduces mod 2^256 and splits into limbs, independent of the code under test.</summary>
    public static UInt256 FromBig(BigInteger v)
    {
        v = ((v % TwoTo256) + TwoTo256) % TwoTo256;
        return new UInt256(
            (ulong)(v & Mask64), (ulong)((v >> 64) & Mask64), (ulong)((v >> 128) & Mask64), (ulong)((v >> 192) & Mask64));
    }

    public static BigInteger Wrap(BigInteger v) => ((v % TwoTo256) + TwoTo256) % TwoTo256;

    /// <summary>The two's complement reading of a 256-bit pattern.</summary>
    public static BigInteger Signed(in UInt256 x)
    {
        BigInteger v = Big(x);
        return v >= TwoTo255 ? v - TwoTo256 : v;
    }

    public static ulong NextULong(Random rng) => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(4) << 62);

    /// <summary>A mix of uniform values, values with 1..4 random limbs, edge values and limb patterns.</summary>
    public static UInt256 Next(Random rng)
    {
        switch (rng.Next(8))
        {
            case 0:
            case 1:
                return new UInt256(NextULong(rng), NextULong(rng), NextULong(rng), NextULong(rng));
            case 2:
            case 3:
            {
                int limbs = rng.Next(1, 5);
                ulong[] l = new ulong[4];
                for (int i = 0; i < limbs; i++) l[i] = NextULong(rng);
                // Shrink the top limb sometimes so bit lengths vary within a limb too.
                l[limbs - 1] >>= rng.Next(64);
                return new UInt256(l[0], l[1], l[2], l[3]);
            }
            case 4:
                return Edges[rng.Next(Edges.Length)];
            case 5:
            {
                ulong[] l = new ulong[4];
                for (int i = 0; i < 4; i++)
                {
                    l[i] = rng.Next(3) == 0 ? NextULong(rng) : InterestingLimbs[rng.Next(InterestingLimbs.Length)];
                }

                return new UInt256(l[0], l[1], l[2], l[3]);
            }
            case 6:
            {
                // Edge value nudged by a small amount.
                BigInteger v = Big(Edges[rng.Next(Edges.Length)]) + rng.Next(-3, 4);
                return FromBig(v);
            }
            default:
                return new UInt256((ulong)rng.Next(0, 300));
        }
    }

    /// <summary>Fails with the operation and its inputs when the result differs from the reference.</summary>
    public static void Check(BigInteger expected, in UInt256 actual, string op, params UInt256[] inputs)
    {
        BigInteger got = Big(actual);
        if (got != expected)
        {
            string args = string.Join(", ", inputs.Select(i => "0x" + Big(i).ToString("x")));
            throw new Xunit.Sdk.XunitException(
                $"{op}({args}): expected 0x{expected.ToString("x")}, got 0x{got.ToString("x")}");
        }
    }

    public static void CheckBool(bool expected, bool actual, string op, params UInt256[] inputs)
    {
        if (expected != actual)
        {
            string args = string.Join(", ", inputs.Select(i => "0x" + Big(i).ToString("x")));
            throw new Xunit.Sdk.XunitException($"{op}({args}): expected {expected}, got {actual}");
        }
    }
}
