using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

public readonly partial struct Fp
{
    /// <summary>a + b without reduction (below 2p, still a valid input to <see cref="MulWide"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fp AddUnreduced(in Fp a, in Fp b)
    {
        (ulong s0, ulong c) = Adc(a.L0, b.L0, 0);
        (ulong s1, c) = Adc(a.L1, b.L1, c);
        (ulong s2, c) = Adc(a.L2, b.L2, c);
        (ulong s3, c) = Adc(a.L3, b.L3, c);
        (ulong s4, c) = Adc(a.L4, b.L4, c);
        return new Fp(s0, s1, s2, s3, s4, a.L5 + b.L5 + c);
    }

    /// <summary>The full 768-bit product a·b (schoolbook, operands below 2^384).</summary>
    [SkipLocalsInit]
    internal static FpWide MulWide(in Fp a, in Fp b)
    {
        var (t0, c) = Mac(a.L0, b.L0, 0, 0);
        (ulong t1, c) = Mac(a.L1, b.L0, c, 0);
        (ulong t2, c) = Mac(a.L2, b.L0, c, 0);
        (ulong t3, c) = Mac(a.L3, b.L0, c, 0);
        (ulong t4, c) = Mac(a.L4, b.L0, c, 0);
        (ulong t5, c) = Mac(a.L5, b.L0, c, 0);
        ulong t6 = c;
        (t1, c) = Mac(a.L0, b.L1, t1, 0);
        (t2, c) = Mac(a.L1, b.L1, t2, c);
        (t3, c) = Mac(a.L2, b.L1, t3, c);
        (t4, c) = Mac(a.L3, b.L1, t4, c);
        (t5, c) = Mac(a.L4, b.L1, t5, c);
        (t6, c) = Mac(a.L5, b.L1, t6, c);
        ulong t7 = c;
        (t2, c) = Mac(a.L0, b.L2, t2, 0);
        (t3, c) = Mac(a.L1, b.L2, t3, c);
        (t4, c) = Mac(a.L2, b.L2, t4, c);
        (t5, c) = Mac(a.L3, b.L2, t5, c);
        (t6, c) = Mac(a.L4, b.L2, t6, c);
        (t7, c) = Mac(a.L5, b.L2, t7, c);
        ulong t8 = c;
        (t3, c) = Mac(a.L0, b.L3, t3, 0);
        (t4, c) = Mac(a.L1, b.L3, t4, c);
        (t5, c) = Mac(a.L2, b.L3, t5, c);
        (t6, c) = Mac(a.L3, b.L3, t6, c);
        (t7, c) = Mac(a.L4, b.L3, t7, c);
        (t8, c) = Mac(a.L5, b.L3, t8, c);
        ulong t9 = c;
        (t4, c) = Mac(a.L0, b.L4, t4, 0);
        (t5, c) = Mac(a.L1, b.L4, t5, c);
        (t6, c) = Mac(a.L2, b.L4, t6, c);
        (t7, c) = Mac(a.L3, b.L4, t7, c);
        (t8, c) = Mac(a.L4, b.L4, t8, c);
        (t9, c) = Mac(a.L5, b.L4, t9, c);
        ulong t10 = c;
        (t5, c) = Mac(a.L0, b.L5, t5, 0);
        (t6, c) = Mac(a.L1, b.L5, t6, c);
        (t7, c) = Mac(a.L2, b.L5, t7, c);
        (t8, c) = Mac(a.L3, b.L5, t8, c);
        (t9, c) = Mac(a.L4, b.L5, t9, c);
        (t10, c) = Mac(a.L5, b.L5, t10, c);
        ulong t11 = c;
        return new FpWide(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
    }

    /// <summary>a² as 768 bits: the 15 cross products once, doubled, plus the 6 squares.</summary>
    [SkipLocalsInit]
    internal static FpWide SquareWide(in Fp a)
    {
        var (t1, c) = Mac(a.L0, a.L1, 0, 0);
        (ulong t2, c) = Mac(a.L0, a.L2, c, 0);
        (ulong t3, c) = Mac(a.L0, a.L3, c, 0);
        (ulong t4, c) = Mac(a.L0, a.L4, c, 0);
        (ulong t5, c) = Mac(a.L0, a.L5, c, 0);
        ulong t6 = c;
        (t3, c) = Mac(a.L1, a.L2, t3, 0);
        (t4, c) = Mac(a.L1, a.L3, t4, c);
        (t5, c) = Mac(a.L1, a.L4, t5, c);
        (t6, c) = Mac(a.L1, a.L5, t6, c);
        ulong t7 = c;
        (t5, c) = Mac(a.L2, a.L3, t5, 0);
        (t6, c) = Mac(a.L2, a.L4, t6, c);
        (t7, c) = Mac(a.L2, a.L5, t7, c);
        ulong t8 = c;
        (t7, c) = Mac(a.L3, a.L4, t7, 0);
        (t8, c) = Mac(a.L3, a.L5, t8, c);
        ulong t9 = c;
        (t9, c) = Mac(a.L4, a.L5, t9, 0);
        ulong t10 = c;
        // Double the cross terms, then add the squares a_i² on the diagonal.
        ulong t11 = t10 >> 63;
        t10 = (t10 << 1) | (t9 >> 63);
        t9 = (t9 << 1) | (t8 >> 63);
        t8 = (t8 << 1) | (t7 >> 63);
        t7 = (t7 << 1) | (t6 >> 63);
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;
        (ulong t0, ulong hi) = Mac(a.L0, a.L0, 0, 0);
        (t1, c) = Adc(t1, hi, 0);
        (ulong lo1, ulong hi1) = Mac(a.L1, a.L1, 0, 0);
        (t2, c) = Adc(t2, lo1, c);
        (t3, c) = Adc(t3, hi1, c);
        (ulong lo2, ulong hi2) = Mac(a.L2, a.L2, 0, 0);
        (t4, c) = Adc(t4, lo2, c);
        (t5, c) = Adc(t5, hi2, c);
        (ulong lo3, ulong hi3) = Mac(a.L3, a.L3, 0, 0);
        (t6, c) = Adc(t6, lo3, c);
        (t7, c) = Adc(t7, hi3, c);
        (ulong lo4, ulong hi4) = Mac(a.L4, a.L4, 0, 0);
        (t8, c) = Adc(t8, lo4, c);
        (t9, c) = Adc(t9, hi4, c);
        (ulong lo5, ulong hi5) = Mac(a.L5, a.L5, 0, 0);
        (t10, c) = Adc(t10, lo5, c);
        (t11, c) = Adc(t11, hi5, c);
        return new FpWide(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
    }

    /// <summary>
    /// Montgomery reduction t·2^-384 mod p of any t below p·2^384 (about 9.8p²): one multiple
    /// of p per limb clears the low half, leaving a value below 2p.
    /// </summary>
    [SkipLocalsInit]
    internal static Fp Reduce(in FpWide t)
    {
        ulong t0 = t.L0, t1 = t.L1, t2 = t.L2, t3 = t.L3, t4 = t.L4, t5 = t.L5;
        ulong t6 = t.L6, t7 = t.L7, t8 = t.L8, t9 = t.L9, t10 = t.L10, t11 = t.L11;
        ulong top = 0, m, c;
        m = t0 * NegInvP;
        c = Mac(m, P0, t0, 0).High;
        (t1, c) = Mac(m, P1, t1, c);
        (t2, c) = Mac(m, P2, t2, c);
        (t3, c) = Mac(m, P3, t3, c);
        (t4, c) = Mac(m, P4, t4, c);
        (t5, c) = Mac(m, P5, t5, c);
        (t6, top) = Adc(t6, c, top);
        m = t1 * NegInvP;
        c = Mac(m, P0, t1, 0).High;
        (t2, c) = Mac(m, P1, t2, c);
        (t3, c) = Mac(m, P2, t3, c);
        (t4, c) = Mac(m, P3, t4, c);
        (t5, c) = Mac(m, P4, t5, c);
        (t6, c) = Mac(m, P5, t6, c);
        (t7, top) = Adc(t7, c, top);
        m = t2 * NegInvP;
        c = Mac(m, P0, t2, 0).High;
        (t3, c) = Mac(m, P1, t3, c);
        (t4, c) = Mac(m, P2, t4, c);
        (t5, c) = Mac(m, P3, t5, c);
        (t6, c) = Mac(m, P4, t6, c);
        (t7, c) = Mac(m, P5, t7, c);
        (t8, top) = Adc(t8, c, top);
        m = t3 * NegInvP;
        c = Mac(m, P0, t3, 0).High;
        (t4, c) = Mac(m, P1, t4, c);
        (t5, c) = Mac(m, P2, t5, c);
        (t6, c) = Mac(m, P3, t6, c);
        (t7, c) = Mac(m, P4, t7, c);
        (t8, c) = Mac(m, P5, t8, c);
        (t9, top) = Adc(t9, c, top);
        m = t4 * NegInvP;
        c = Mac(m, P0, t4, 0).High;
        (t5, c) = Mac(m, P1, t5, c);
        (t6, c) = Mac(m, P2, t6, c);
        (t7, c) = Mac(m, P3, t7, c);
        (t8, c) = Mac(m, P4, t8, c);
        (t9, c) = Mac(m, P5, t9, c);
        (t10, top) = Adc(t10, c, top);
        m = t5 * NegInvP;
        c = Mac(m, P0, t5, 0).High;
        (t6, c) = Mac(m, P1, t6, c);
        (t7, c) = Mac(m, P2, t7, c);
        (t8, c) = Mac(m, P3, t8, c);
        (t9, c) = Mac(m, P4, t9, c);
        (t10, c) = Mac(m, P5, t10, c);
        (t11, top) = Adc(t11, c, top);
        return SubtractModulusIfNeeded(t6, t7, t8, t9, t10, t11);
    }

    /// <summary>a - b for a ≥ b.</summary>
    internal static FpWide SubWide(in FpWide a, in FpWide b)
    {
        (ulong r0, ulong br) = Sbb(a.L0, b.L0, 0);
        (ulong r1, br) = Sbb(a.L1, b.L1, br);
        (ulong r2, br) = Sbb(a.L2, b.L2, br);
        (ulong r3, br) = Sbb(a.L3, b.L3, br);
        (ulong r4, br) = Sbb(a.L4, b.L4, br);
        (ulong r5, br) = Sbb(a.L5, b.L5, br);
        (ulong r6, br) = Sbb(a.L6, b.L6, br);
        (ulong r7, br) = Sbb(a.L7, b.L7, br);
        (ulong r8, br) = Sbb(a.L8, b.L8, br);
        (ulong r9, br) = Sbb(a.L9, b.L9, br);
        (ulong r10, br) = Sbb(a.L10, b.L10, br);
        (ulong r11, br) = Sbb(a.L11, b.L11, br);
        return new FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11);
    }

    /// <summary>a - b + p² when a &lt; b, so the result stays non-negative and congruent modulo p.</summary>
    internal static FpWide SubWideModP2(in FpWide a, in FpWide b)
    {
        (ulong r0, ulong br) = Sbb(a.L0, b.L0, 0);
        (ulong r1, br) = Sbb(a.L1, b.L1, br);
        (ulong r2, br) = Sbb(a.L2, b.L2, br);
        (ulong r3, br) = Sbb(a.L3, b.L3, br);
        (ulong r4, br) = Sbb(a.L4, b.L4, br);
        (ulong r5, br) = Sbb(a.L5, b.L5, br);
        (ulong r6, br) = Sbb(a.L6, b.L6, br);
        (ulong r7, br) = Sbb(a.L7, b.L7, br);
        (ulong r8, br) = Sbb(a.L8, b.L8, br);
        (ulong r9, br) = Sbb(a.L9, b.L9, br);
        (ulong r10, br) = Sbb(a.L10, b.L10, br);
        (ulong r11, br) = Sbb(a.L11, b.L11, br);
        if (br != 0)
        {
            (r0, ulong c) = Adc(r0, 0x26aa00001c718e39, 0);
            (r1, c) = Adc(r1, 0x7ced6b1d76382eab, c);
            (r2, c) = Adc(r2, 0x162c338362113cfd, c);
            (r3, c) = Adc(r3, 0x66bf91ed3e71b743, c);
            (r4, c) = Adc(r4, 0x292e85a87091a049, c);
            (r5, c) = Adc(r5, 0x1d68619c86185c7b, c);
            (r6, c) = Adc(r6, 0xf53149330978ef01, c);
            (r7, c) = Adc(r7, 0x50a62cfd16ddca6e, c);
            (r8, c) = Adc(r8, 0x66e59e49349e8bd0, c);
            (r9, c) = Adc(r9, 0xe2dc90e50e7046b4, c);
            (r10, c) = Adc(r10, 0x4bd278eaa22f25e9, c);
            (r11, c) = Adc(r11, 0x02a437a4b8c35fc7, c);
        }
        return new FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11);
    }

    /// <summary>2p², for subtracting a product below 2p² without going negative.</summary>
    internal static readonly FpWide TwoModulusSquared = new(
        0x4d54000038e31c72, 0xf9dad63aec705d56, 0x2c586706c42279fa, 0xcd7f23da7ce36e86, 0x525d0b50e1234092, 0x3ad0c3390c30b8f6,
        0xea62926612f1de02, 0xa14c59fa2dbb94dd, 0xcdcb3c92693d17a0, 0xc5b921ca1ce08d68, 0x97a4f1d5445e4bd3, 0x05486f497186bf8e);

    /// <summary>a + b; callers keep the sum below 2^768 (in practice below p·2^384, for <see cref="Reduce"/>).</summary>
    internal static FpWide AddWide(in FpWide a, in FpWide b)
    {
        (ulong r0, ulong c) = Adc(a.L0, b.L0, 0);
        (ulong r1, c) = Adc(a.L1, b.L1, c);
        (ulong r2, c) = Adc(a.L2, b.L2, c);
        (ulong r3, c) = Adc(a.L3, b.L3, c);
        (ulong r4, c) = Adc(a.L4, b.L4, c);
        (ulong r5, c) = Adc(a.L5, b.L5, c);
        (ulong r6, c) = Adc(a.L6, b.L6, c);
        (ulong r7, c) = Adc(a.L7, b.L7, c);
        (ulong r8, c) = Adc(a.L8, b.L8, c);
        (ulong r9, c) = Adc(a.L9, b.L9, c);
        (ulong r10, c) = Adc(a.L10, b.L10, c);
        (ulong r11, c) = Adc(a.L11, b.L11, c);
        return new FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11);
    }

    /// <summary>2a for a below 2^767.</summary>
    internal static FpWide DoubleWide(in FpWide a) =>
        new(a.L0 << 1, (a.L1 << 1) | (a.L0 >> 63), (a.L2 << 1) | (a.L1 >> 63), (a.L3 << 1) | (a.L2 >> 63),
            (a.L4 << 1) | (a.L3 >> 63), (a.L5 << 1) | (a.L4 >> 63), (a.L6 << 1) | (a.L5 >> 63), (a.L7 << 1) | (a.L6 >> 63),
            (a.L8 << 1) | (a.L7 >> 63), (a.L9 << 1) | (a.L8 >> 63), (a.L10 << 1) | (a.L9 >> 63), (a.L11 << 1) | (a.L10 >> 63));
}
