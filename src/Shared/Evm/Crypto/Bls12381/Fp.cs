using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// An element of the BLS12-381 base field Fp, p a 381-bit prime, held as six little-endian
/// 64-bit limbs in Montgomery form (a·2^384 mod p), always fully reduced so that equal
/// elements have equal limbs.
/// </summary>
[SkipLocalsInit]
public readonly partial struct Fp : IFieldElement<Fp>, IEquatable<Fp>
{
    /// <summary>Bytes of a big-endian encoded element.</summary>
    public const int ByteLength = 48;

    internal const ulong P0 = 0xb9feffffffffaaab, P1 = 0x1eabfffeb153ffff, P2 = 0x6730d2a0f6b0f624;
    internal const ulong P3 = 0x64774b84f38512bf, P4 = 0x4b1ba7b6434bacd7, P5 = 0x1a0111ea397fe69a;

    /// <summary>The modulus p.</summary>
    public static readonly BigInteger Modulus = Limbs.ToBigInteger([P0, P1, P2, P3, P4, P5]);

    // 2^384 mod p is the Montgomery form of one; R² mod p converts into Montgomery form with one product.
    private static readonly Fp R = new(0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba,
        0x77ce585370525745, 0x5c071a97a256ec6d, 0x15f65ec3fa80e493);
    private static readonly Fp R2 = new(0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5,
        0x67eb88a9939d83c0, 0x9a793e85b519952d, 0x11988fe592cae3aa);

    internal readonly ulong L0, L1, L2, L3, L4, L5;

    internal Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3; L4 = l4; L5 = l5;
    }

    public static Fp Zero => default;
    public static Fp One => R;
    public bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;
    public bool IsOne => Equals(R);

    public static Fp FromUInt64(ulong value) => MontgomeryMul(new Fp(value, 0, 0, 0, 0, 0), R2);

    /// <summary>Reads a canonical big-endian value; false when it is not below p.</summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes, out Fp value)
    {
        if (bytes.Length != ByteLength) throw new ArgumentException($"an Fp element is {ByteLength} bytes", nameof(bytes));
        var raw = new Fp(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[40..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[32..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), BinaryPrimitives.ReadUInt64BigEndian(bytes));
        if (!raw.IsBelowModulus())
        {
            value = default;
            return false;
        }
        value = MontgomeryMul(raw, R2);
        return true;
    }

    /// <summary>Reduces any integer modulo p (convenient for constants and tests).</summary>
    public static Fp FromBigInteger(BigInteger value)
    {
        value %= Modulus;
        if (value.Sign < 0) value += Modulus;
        Span<ulong> l = stackalloc ulong[6];
        Limbs.FromBigInteger(value, l);
        return MontgomeryMul(new Fp(l[0], l[1], l[2], l[3], l[4], l[5]), R2);
    }

    public static Fp FromHex(string hex) => FromBigInteger(Limbs.ParseHex(hex));

    /// <summary>Writes the canonical 48-byte big-endian value.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        Fp n = FromMontgomery();
        BinaryPrimitives.WriteUInt64BigEndian(destination, n.L5);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], n.L4);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], n.L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], n.L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], n.L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], n.L0);
    }

    public BigInteger ToBigInteger()
    {
        Fp n = FromMontgomery();
        return Limbs.ToBigInteger([n.L0, n.L1, n.L2, n.L3, n.L4, n.L5]);
    }

    /// <summary>True when the canonical value exceeds (p-1)/2, i.e. it is the larger of ±a (the sign rule of compressed points).</summary>
    public bool IsLexicographicallyLargest()
    {
        // (p-1)/2 limbs; a > (p-1)/2 exactly when subtracting (p-1)/2 + 1 does not borrow.
        Fp n = FromMontgomery();
        (_, ulong b) = Sbb(n.L0, 0xdcff7fffffffd556, 0);
        (_, b) = Sbb(n.L1, 0x0f55ffff58a9ffff, b);
        (_, b) = Sbb(n.L2, 0xb39869507b587b12, b);
        (_, b) = Sbb(n.L3, 0xb23ba5c279c2895f, b);
        (_, b) = Sbb(n.L4, 0x258dd3db21a5d66b, b);
        (_, b) = Sbb(n.L5, 0x0d0088f51cbff34d, b);
        return b == 0;
    }

    private Fp FromMontgomery() => MontgomeryMul(this, new Fp(1, 0, 0, 0, 0, 0));

    private bool IsBelowModulus()
    {
        (_, ulong b) = Sbb(L0, P0, 0);
        (_, b) = Sbb(L1, P1, b);
        (_, b) = Sbb(L2, P2, b);
        (_, b) = Sbb(L3, P3, b);
        (_, b) = Sbb(L4, P4, b);
        (_, b) = Sbb(L5, P5, b);
        return b != 0;
    }

    public static Fp Add(in Fp a, in Fp b)
    {
        // p < 2^382, so the sum of two reduced values fits in six limbs with no carry out.
        (ulong s0, ulong c) = Adc(a.L0, b.L0, 0);
        (ulong s1, c) = Adc(a.L1, b.L1, c);
        (ulong s2, c) = Adc(a.L2, b.L2, c);
        (ulong s3, c) = Adc(a.L3, b.L3, c);
        (ulong s4, c) = Adc(a.L4, b.L4, c);
        ulong s5 = a.L5 + b.L5 + c;
        return SubtractModulusIfNeeded(s0, s1, s2, s3, s4, s5);
    }

    public static Fp Double(in Fp a) => Add(a, a);

    public static Fp Sub(in Fp a, in Fp b)
    {
        (ulong d0, ulong br) = Sbb(a.L0, b.L0, 0);
        (ulong d1, br) = Sbb(a.L1, b.L1, br);
        (ulong d2, br) = Sbb(a.L2, b.L2, br);
        (ulong d3, br) = Sbb(a.L3, b.L3, br);
        (ulong d4, br) = Sbb(a.L4, b.L4, br);
        (ulong d5, br) = Sbb(a.L5, b.L5, br);
        if (br == 0) return new Fp(d0, d1, d2, d3, d4, d5);
        (d0, ulong c) = Adc(d0, P0, 0);
        (d1, c) = Adc(d1, P1, c);
        (d2, c) = Adc(d2, P2, c);
        (d3, c) = Adc(d3, P3, c);
        (d4, c) = Adc(d4, P4, c);
        d5 = d5 + P5 + c;
        return new Fp(d0, d1, d2, d3, d4, d5);
    }

    public static Fp Neg(in Fp a) => a.IsZero ? a : Sub(Zero, a);

    public static bool AreEqual(in Fp a, in Fp b) =>
        a.L0 == b.L0 && a.L1 == b.L1 && a.L2 == b.L2 && a.L3 == b.L3 && a.L4 == b.L4 && a.L5 == b.L5;

    public bool Equals(Fp other) => AreEqual(this, other);
    public override bool Equals(object? obj) => obj is Fp other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5);
    public override string ToString() => "0x" + ToBigInteger().ToString("x");

    public static Fp operator +(in Fp a, in Fp b) => Add(a, b);
    public static Fp operator -(in Fp a, in Fp b) => Sub(a, b);
    public static Fp operator -(in Fp a) => Neg(a);
    public static Fp operator *(in Fp a, in Fp b) => MontgomeryMul(a, b);
    public static bool operator ==(in Fp a, in Fp b) => AreEqual(a, b);
    public static bool operator !=(in Fp a, in Fp b) => !AreEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp SubtractModulusIfNeeded(ulong s0, ulong s1, ulong s2, ulong s3, ulong s4, ulong s5)
    {
        (ulong d0, ulong b) = Sbb(s0, P0, 0);
        (ulong d1, b) = Sbb(s1, P1, b);
        (ulong d2, b) = Sbb(s2, P2, b);
        (ulong d3, b) = Sbb(s3, P3, b);
        (ulong d4, b) = Sbb(s4, P4, b);
        (ulong d5, b) = Sbb(s5, P5, b);
        return b != 0 ? new Fp(s0, s1, s2, s3, s4, s5) : new Fp(d0, d1, d2, d3, d4, d5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Sum, ulong Carry) Adc(ulong a, ulong b, ulong carryIn)
    {
        // Tuples rather than out parameters keep every limb in a register once inlined.
        ulong s = a + b;
        ulong c = s < a ? 1UL : 0UL;
        ulong r = s + carryIn;
        return (r, c + (r < s ? 1UL : 0UL));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (ulong Difference, ulong Borrow) Sbb(ulong a, ulong b, ulong borrowIn)
    {
        ulong d = a - b;
        ulong br = a < b ? 1UL : 0UL;
        ulong r = d - borrowIn;
        return (r, br + (d < borrowIn ? 1UL : 0UL));
    }
}
