using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EvmCluster.Evm.Crypto.Bls12381;

public readonly partial struct Fp
{
    // -p^-1 mod 2^64: the factor that makes each Montgomery row divisible by 2^64.
    private const ulong NegInvP = 0x89f3fffcfffcfffd;

    private static readonly ulong[] PMinus2 = Limbs.FromBigIntegerArray(Modulus - 2, 6);
    private static readonly ulong[] PPlus1Over4 = Limbs.FromBigIntegerArray((Modulus + 1) / 4, 6);

    public static Fp Mul(in Fp a, in Fp b) => MontgomeryMul(a, b);

    public static Fp Square(in Fp a) => Reduce(SquareWide(a));

    /// <summary>
    /// a·b·2^-384 mod p by coarsely integrated operand scanning, unrolled so the accumulator
    /// stays in registers. The top limb of p is below 2^62, which lets each row fold its two
    /// carry chains into the top limb without a seventh accumulator word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Fp MontgomeryMul(in Fp a, in Fp b)
    {
        var (t0, c) = Mac(a.L0, b.L0, 0, 0);
        ulong m = t0 * NegInvP;
        ulong c2 = Mac(m, P0, t0, 0).High;
        (ulong t1, c) = Mac(a.L1, b.L0, c, 0);
        (t0, c2) = Mac(m, P1, t1, c2);
        (ulong t2, c) = Mac(a.L2, b.L0, c, 0);
        (t1, c2) = Mac(m, P2, t2, c2);
        (ulong t3, c) = Mac(a.L3, b.L0, c, 0);
        (t2, c2) = Mac(m, P3, t3, c2);
        (ulong t4, c) = Mac(a.L4, b.L0, c, 0);
        (t3, c2) = Mac(m, P4, t4, c2);
        (ulong t5, c) = Mac(a.L5, b.L0, c, 0);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        (t0, c) = Mac(a.L0, b.L1, t0, 0);
        m = t0 * NegInvP;
        c2 = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(a.L1, b.L1, t1, c);
        (t0, c2) = Mac(m, P1, t1, c2);
        (t2, c) = Mac(a.L2, b.L1, t2, c);
        (t1, c2) = Mac(m, P2, t2, c2);
        (t3, c) = Mac(a.L3, b.L1, t3, c);
        (t2, c2) = Mac(m, P3, t3, c2);
        (t4, c) = Mac(a.L4, b.L1, t4, c);
        (t3, c2) = Mac(m, P4, t4, c2);
        (t5, c) = Mac(a.L5, b.L1, t5, c);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        (t0, c) = Mac(a.L0, b.L2, t0, 0);
        m = t0 * NegInvP;
        c2 = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(a.L1, b.L2, t1, c);
        (t0, c2) = Mac(m, P1, t1, c2);
        (t2, c) = Mac(a.L2, b.L2, t2, c);
        (t1, c2) = Mac(m, P2, t2, c2);
        (t3, c) = Mac(a.L3, b.L2, t3, c);
        (t2, c2) = Mac(m, P3, t3, c2);
        (t4, c) = Mac(a.L4, b.L2, t4, c);
        (t3, c2) = Mac(m, P4, t4, c2);
        (t5, c) = Mac(a.L5, b.L2, t5, c);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        (t0, c) = Mac(a.L0, b.L3, t0, 0);
        m = t0 * NegInvP;
        c2 = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(a.L1, b.L3, t1, c);
        (t0, c2) = Mac(m, P1, t1, c2);
        (t2, c) = Mac(a.L2, b.L3, t2, c);
        (t1, c2) = Mac(m, P2, t2, c2);
        (t3, c) = Mac(a.L3, b.L3, t3, c);
        (t2, c2) = Mac(m, P3, t3, c2);
        (t4, c) = Mac(a.L4, b.L3, t4, c);
        (t3, c2) = Mac(m, P4, t4, c2);
        (t5, c) = Mac(a.L5, b.L3, t5, c);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        (t0, c) = Mac(a.L0, b.L4, t0, 0);
        m = t0 * NegInvP;
        c2 = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(a.L1, b.L4, t1, c);
        (t0, c2) = Mac(m, P1, t1, c2);
        (t2, c) = Mac(a.L2, b.L4, t2, c);
        (t1, c2) = Mac(m, P2, t2, c2);
        (t3, c) = Mac(a.L3, b.L4, t3, c);
        (t2, c2) = Mac(m, P3, t3, c2);
        (t4, c) = Mac(a.L4, b.L4, t4, c);
        (t3, c2) = Mac(m, P4, t4, c2);
        (t5, c) = Mac(a.L5, b.L4, t5, c);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        (t0, c) = Mac(a.L0, b.L5, t0, 0);
        m = t0 * NegInvP;
        c2 = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(a.L1, b.L5, t1, c);
        (t0, c2) = Mac(m, P1, t1, c2);
        (t2, c) = Mac(a.L2, b.L5, t2, c);
        (t1, c2) = Mac(m, P2, t2, c2);
        (t3, c) = Mac(a.L3, b.L5, t3, c);
        (t2, c2) = Mac(m, P3, t3, c2);
        (t4, c) = Mac(a.L4, b.L5, t4, c);
        (t3, c2) = Mac(m, P4, t4, c2);
        (t5, c) = Mac(a.L5, b.L5, t5, c);
        (t4, c2) = Mac(m, P5, t5, c2);
        t5 = c + c2;
        return SubtractModulusIfNeeded(t0, t1, t2, t3, t4, t5);
    }

    /// <summary>a^e for an exponent given as little-endian limbs (4-bit fixed window; not constant time: inputs here are public).</summary>
    public static Fp Pow(in Fp a, ReadOnlySpan<ulong> exponent)
    {
        Span<Fp> table = stackalloc Fp[16];
        table[0] = One;
        for (int i = 1; i < 16; i++) table[i] = MontgomeryMul(table[i - 1], a);

        Fp result = One;
        bool started = false;
        for (int nibble = exponent.Length * 16 - 1; nibble >= 0; nibble--)
        {
            if (started)
            {
                result = Square(result);
                result = Square(result);
                result = Square(result);
                result = Square(result);
            }
            int w = (int)((exponent[nibble >> 4] >> ((nibble & 15) * 4)) & 15);
            if (w == 0) continue;
            result = started ? MontgomeryMul(result, table[w]) : table[w];
            started = true;
        }
        return result;
    }

    /// <summary>a^-1 by Fermat (a^(p-2)); zero maps to zero.</summary>
    public static Fp Inverse(in Fp a) => Pow(a, PMinus2);

    /// <summary>A square root when one exists: p ≡ 3 (mod 4), so a^((p+1)/4) is a root of every square.</summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = Pow(a, PPlus1Over4);
        return AreEqual(Square(root), a);
    }

    /// <summary>a·b + c + d as a 128-bit (low, high) pair; it cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Low, ulong High) Mac(ulong a, ulong b, ulong c, ulong d)
    {
        // Low and high halves come from separate instructions: Math.BigMul's out parameter
        // would force the low word through memory on every step.
        ulong low = a * b;
        ulong high = MulHigh(a, b);
        low += c;
        high += low < c ? 1UL : 0UL;
        low += d;
        high += low < d ? 1UL : 0UL;
        return (low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported) return Bmi2.X64.MultiplyNoFlags(a, b);
        if (ArmBase.Arm64.IsSupported) return ArmBase.Arm64.MultiplyHigh(a, b);
        return Math.BigMul(a, b, out _);
    }
}
