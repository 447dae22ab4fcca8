namespace EvmCluster.Evm.Numerics;

public readonly partial struct UInt256
{
    /// <summary>
    /// EVM SDIV: two's complement division truncated toward zero; b == 0 gives 0, and
    /// -2^255 / -1 wraps to -2^255.
    /// </summary>
    public static void SignedDivide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        bool aNeg = a.IsNegative;
        bool bNeg = b.IsNegative;
        if (!aNeg && !bNeg)
        {
            Divide(in a, in b, out res);
            return;
        }

        // Divide magnitudes; |-2^255| is 2^255 as an unsigned value, which makes the overflow case fall out.
        Abs(in a, aNeg, out UInt256 x);
        Abs(in b, bNeg, out UInt256 y);
        Divide(in x, in y, out UInt256 q);
        if (aNeg != bNeg)
        {
            Negate(in q, out q);
        }

        res = q;
    }

    /// <summary>EVM SMOD: |a| mod |b| carrying the sign of a; b == 0 gives 0.</summary>
    public static void SignedMod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        bool aNeg = a.IsNegative;
        bool bNeg = b.IsNegative;
        if (!aNeg && !bNeg)
        {
            Mod(in a, in b, out res);
            return;
        }

        Abs(in a, aNeg, out UInt256 x);
        Abs(in b, bNeg, out UInt256 y);
        Mod(in x, in y, out UInt256 r);
        if (aNeg)
        {
            Negate(in r, out r);
        }

        res = r;
    }

    private static void Abs(in UInt256 value, bool negative, out UInt256 res)
    {
        if (negative)
        {
            Negate(in value, out res);
        }
        else
        {
            res = value;
        }
    }
}
