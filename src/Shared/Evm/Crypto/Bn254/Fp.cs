using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// Element of the BN254 base field F_p, p = 0x30644e72…fd47, kept in Montgomery form (a·2^256 mod p)
/// on four little-endian 64-bit limbs and always fully reduced, so limb equality is value equality.
/// </summary>
public struct Fp : IFieldElement<Fp>
{
    /// <summary>Limbs of the Montgomery representation, least significant first.</summary>
    public ulong L0, L1, L2, L3;

    internal const ulong P0 = 0x3c208c16d87cfd47, P1 = 0x97816a916871ca8d, P2 = 0xb85045b68181585d, P3 = 0x30644e72e131a029;

    // -p^-1 mod 2^64, the Montgomery reduction factor.
    private const ulong NegPInv = 0x87d20782e4866389;

    /// <summary>Creates an element from raw Montgomery limbs.</summary>
    public Fp(ulong l0, ulong l1, ulong l2, ulong l3) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; }

    /// <summary>The additive identity.</summary>
    public static Fp Zero => default;

    /// <summary>The multiplicative identity (2^256 mod p in Montgomery form).</summary>
    public static Fp One => new(0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f);

    // 2^512 mod p: multiplying a plain integer by it enters Montgomery form.
    private static readonly Fp R2 = new(0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f);

    /// <summary>True for the zero element.</summary>
    public readonly bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>True for the multiplicative identity.</summary>
    public readonly bool IsOne => Equals(One);

    /// <inheritdoc/>
    public readonly bool Equals(Fp other) =>
        ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Fp other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    /// <summary>Makes the field element of a small integer.</summary>
    public static Fp FromUInt64(ulong value)
    {
        Fp plain = new(value, 0, 0, 0);
        Mul(in plain, in R2, out Fp r);
        return r;
    }

    /// <summary>
    /// Reads a 32-byte big-endian integer. False when it is not below p: callers treat that as invalid input,
    /// never reduce it.
    /// </summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes32, out Fp value)
    {
        Fp plain = new(
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes32));
        SubWithBorrow(plain.L0, P0, 0, out ulong b);
        SubWithBorrow(plain.L1, P1, b, out b);
        SubWithBorrow(plain.L2, P2, b, out b);
        SubWithBorrow(plain.L3, P3, b, out b);
        if (b == 0) { value = default; return false; }
        Mul(in plain, in R2, out value);
        return true;
    }

    /// <summary>Writes the canonical value as a 32-byte big-endian integer.</summary>
    public readonly void WriteBigEndian(Span<byte> destination32)
    {
        Fp plain = ToPlain();
        BinaryPrimitives.WriteUInt64BigEndian(destination32, plain.L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], plain.L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], plain.L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], plain.L0);
    }

    /// <summary>The canonical integer value in the limbs (leaves Montgomery form).</summary>
    public readonly Fp ToPlain()
    {
        Fp one = new(1, 0, 0, 0);
        Mul(in this, in one, out Fp r);
        return r;
    }

    /// <summary>r = a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp a, in Fp b, out Fp r)
    {
        // p < 2^254, so the sum fits in 256 bits and one conditional subtraction reduces it.
        ulong s0 = AddWithCarry(a.L0, b.L0, 0, out ulong c);
        ulong s1 = AddWithCarry(a.L1, b.L1, c, out c);
        ulong s2 = AddWithCarry(a.L2, b.L2, c, out c);
        ulong s3 = a.L3 + b.L3 + c;
        ReduceOnce(s0, s1, s2, s3, out r);
    }

    /// <summary>r = 2a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fp a, out Fp r)
    {
        ulong s0 = a.L0 << 1, s1 = (a.L1 << 1) | (a.L0 >> 63), s2 = (a.L2 << 1) | (a.L1 >> 63), s3 = (a.L3 << 1) | (a.L2 >> 63);
        ReduceOnce(s0, s1, s2, s3, out r);
    }

    /// <summary>r = a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(in Fp a, in Fp b, out Fp r)
    {
        ulong d0 = SubWithBorrow(a.L0, b.L0, 0, out ulong br);
        ulong d1 = SubWithBorrow(a.L1, b.L1, br, out br);
        ulong d2 = SubWithBorrow(a.L2, b.L2, br, out br);
        ulong d3 = SubWithBorrow(a.L3, b.L3, br, out br);
        // Add p back when the difference went negative, without a data-dependent branch.
        ulong mask = 0 - br;
        ulong c;
        r.L0 = AddWithCarry(d0, P0 & mask, 0, out c);
        r.L1 = AddWithCarry(d1, P1 & mask, c, out c);
        r.L2 = AddWithCarry(d2, P2 & mask, c, out c);
        r.L3 = d3 + (P3 & mask) + c;
    }

    /// <summary>r = -a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Neg(in Fp a, out Fp r)
    {
        ulong mask = a.IsZero ? 0UL : ulong.MaxValue; // -0 must stay 0, not p
        ulong d0 = SubWithBorrow(P0, a.L0, 0, out ulong br);
        ulong d1 = SubWithBorrow(P1, a.L1, br, out br);
        ulong d2 = SubWithBorrow(P2, a.L2, br, out br);
        ulong d3 = P3 - a.L3 - br;
        r.L0 = d0 & mask; r.L1 = d1 & mask; r.L2 = d2 & mask; r.L3 = d3 & mask;
    }

    /// <summary>r = a / 2.</summary>
    public static void Half(in Fp a, out Fp r)
    {
        // Odd values get p added first so the shift is exact; the sum still fits in 256 bits.
        ulong mask = 0 - (a.L0 & 1);
        ulong s0 = AddWithCarry(a.L0, P0 & mask, 0, out ulong c);
        ulong s1 = AddWithCarry(a.L1, P1 & mask, c, out c);
        ulong s2 = AddWithCarry(a.L2, P2 & mask, c, out c);
        ulong s3 = a.L3 + (P3 & mask) + c;
        r.L0 = (s0 >> 1) | (s1 << 63);
        r.L1 = (s1 >> 1) | (s2 << 63);
        r.L2 = (s2 >> 1) | (s3 << 63);
        r.L3 = s3 >> 1;
    }

    /// <summary>r = a·b (Montgomery product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(in Fp a, in Fp b, out Fp r)
    {
        // CIOS Montgomery multiplication. Because the top limb of p is below 2^62 the running value
        // never needs a fifth word, which saves the extra carry bookkeeping per row.
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
        ulong t0, t1, t2, t3, A, C, m, u;

        A = MulHigh(a0, b0);
        t0 = a0 * b0;
        A = MulAdd(a1, b0, A, out t1);
        A = MulAdd(a2, b0, A, out t2);
        t3 = MulAdd(a3, b0, A, out ulong t3lo); // high word of row 0 enters the reduction below
        m = t0 * NegPInv;
        C = MulAdd(m, P0, t0, out _);
        C = MulAdd2(m, P1, t1, C, out t0);
        C = MulAdd2(m, P2, t2, C, out t1);
        C = MulAdd2(m, P3, t3lo, C, out t2);
        t3 += C;

        A = MulAdd(a0, b1, t0, out u);
        m = u * NegPInv;
        C = MulAdd(m, P0, u, out _);
        A = MulAdd2(a1, b1, t1, A, out u); C = MulAdd2(m, P1, u, C, out t0);
        A = MulAdd2(a2, b1, t2, A, out u); C = MulAdd2(m, P2, u, C, out t1);
        A = MulAdd2(a3, b1, t3, A, out u); C = MulAdd2(m, P3, u, C, out t2);
        t3 = C + A;

        A = MulAdd(a0, b2, t0, out u);
        m = u * NegPInv;
        C = MulAdd(m, P0, u, out _);
        A = MulAdd2(a1, b2, t1, A, out u); C = MulAdd2(m, P1, u, C, out t0);
        A = MulAdd2(a2, b2, t2, A, out u); C = MulAdd2(m, P2, u, C, out t1);
        A = MulAdd2(a3, b2, t3, A, out u); C = MulAdd2(m, P3, u, C, out t2);
        t3 = C + A;

        A = MulAdd(a0, b3, t0, out u);
        m = u * NegPInv;
        C = MulAdd(m, P0, u, out _);
        A = MulAdd2(a1, b3, t1, A, out u); C = MulAdd2(m, P1, u, C, out t0);
        A = MulAdd2(a2, b3, t2, A, out u); C = MulAdd2(m, P2, u, C, out t1);
        A = MulAdd2(a3, b3, t3, A, out u); C = MulAdd2(m, P3, u, C, out t2);
        t3 = C + A;

        ReduceOnce(t0, t1, t2, t3, out r);
    }

    /// <summary>r = a².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Square(in Fp a, out Fp r) => Mul(in a, in a, out r);

    // 2^768 mod p: a Montgomery product with it turns (aR)^-1 into a^-1·R.
    private static readonly Fp R3 = new(0xb1cd6dafda1530df, 0x62f210e6a7283db6, 0xef7f0b0c0ada0afb, 0x20fd6e902d592544);

    /// <summary>
    /// r = a^-1 by the binary extended Euclidean algorithm (several times faster than a^(p-2));
    /// the inverse of zero is reported as zero.
    /// </summary>
    public static void Inverse(in Fp a, out Fp r)
    {
        if (a.IsZero) { r = default; return; }
        // Invariants: b·a ≡ u and c·a ≡ v (mod p), on the raw limbs, until u or v reaches 1.
        Fp u = a, v = new(P0, P1, P2, P3), b = new(1, 0, 0, 0), c = default;
        while (!IsRawOne(in u) && !IsRawOne(in v))
        {
            int shift = Math.Min(63, System.Numerics.BitOperations.TrailingZeroCount(u.L0));
            if (shift > 0)
            {
                ShiftRight(ref u, shift);
                for (int i = 0; i < shift; i++) Half(in b, out b);
            }
            shift = Math.Min(63, System.Numerics.BitOperations.TrailingZeroCount(v.L0));
            if (shift > 0)
            {
                ShiftRight(ref v, shift);
                for (int i = 0; i < shift; i++) Half(in c, out c);
            }
            ulong d0 = SubWithBorrow(u.L0, v.L0, 0, out ulong br);
            ulong d1 = SubWithBorrow(u.L1, v.L1, br, out br);
            ulong d2 = SubWithBorrow(u.L2, v.L2, br, out br);
            ulong d3 = SubWithBorrow(u.L3, v.L3, br, out br);
            if (br == 0)
            {
                u = new Fp(d0, d1, d2, d3);
                Sub(in b, in c, out b);
            }
            else
            {
                v.L0 = SubWithBorrow(v.L0, u.L0, 0, out br);
                v.L1 = SubWithBorrow(v.L1, u.L1, br, out br);
                v.L2 = SubWithBorrow(v.L2, u.L2, br, out br);
                v.L3 = v.L3 - u.L3 - br;
                Sub(in c, in b, out c);
            }
        }
        Mul(in IsRawOne(in u) ? ref b : ref c, in R3, out r);
    }

    private static bool IsRawOne(in Fp x) => (x.L0 ^ 1 | x.L1 | x.L2 | x.L3) == 0;

    private static void ShiftRight(ref Fp x, int shift)
    {
        // 0 < shift < 64: a zero low limb is shifted 63 bits at a time, which only costs an extra round.
        x.L0 = (x.L0 >> shift) | (x.L1 << (64 - shift));
        x.L1 = (x.L1 >> shift) | (x.L2 << (64 - shift));
        x.L2 = (x.L2 >> shift) | (x.L3 << (64 - shift));
        x.L3 >>= shift;
    }

    /// <inheritdoc/>
    public override readonly string ToString()
    {
        Span<byte> buf = stackalloc byte[32];
        WriteBigEndian(buf);
        return "0x" + Convert.ToHexStringLower(buf);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceOnce(ulong s0, ulong s1, ulong s2, ulong s3, out Fp r)
    {
        ulong d0 = SubWithBorrow(s0, P0, 0, out ulong br);
        ulong d1 = SubWithBorrow(s1, P1, br, out br);
        ulong d2 = SubWithBorrow(s2, P2, br, out br);
        ulong d3 = SubWithBorrow(s3, P3, br, out br);
        // Keep s when subtracting p borrowed (s < p), else the difference.
        ulong keep = 0 - br;
        r.L0 = (s0 & keep) | (d0 & ~keep);
        r.L1 = (s1 & keep) | (d1 & ~keep);
        r.L2 = (s2 & keep) | (d2 & ~keep);
        r.L3 = (s3 & keep) | (d3 & ~keep);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong x, ulong y, ulong carryIn, out ulong carryOut)
    {
        ulong sum = x + y + carryIn;
        carryOut = ((x & y) | ((x | y) & ~sum)) >> 63;
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubWithBorrow(ulong x, ulong y, ulong borrowIn, out ulong borrowOut)
    {
        ulong diff = x - y - borrowIn;
        borrowOut = ((~x & y) | (~(x ^ y) & diff)) >> 63;
        return diff;
    }

    // hi:lo = a·b + c. The low half comes from a plain multiply and the high half from MULX without its
    // low output: Math.BigMul's out parameter forces a store and reload on the critical path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, out ulong lo)
    {
        ulong hi = MulHigh(a, b);
        ulong l = a * b + c;
        hi += l < c ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    // hi:lo = a·b + c + d, which cannot overflow 128 bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd2(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong hi = MulHigh(a, b);
        ulong l = a * b + c;
        hi += l < c ? 1UL : 0UL;
        l += d;
        hi += l < d ? 1UL : 0UL;
        lo = l;
        return hi;
    }
}
