using System.Buffers.Binary;
using System.Numerics;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// An integer below the group order r (an element of the scalar field Fr), as four little-endian
/// 64-bit limbs. Only used as a multiplier, so it carries no arithmetic of its own.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    /// <summary>Bytes of a big-endian encoded scalar.</summary>
    public const int ByteLength = 32;

    /// <summary>The prime order r of G1, G2 and GT.</summary>
    public static readonly BigInteger Order = Limbs.ParseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    /// <summary>r as limbs, for the subgroup tests ([r]P = O).</summary>
    internal static readonly ulong[] OrderLimbs = Limbs.FromBigIntegerArray(Order, 4);

    public readonly ulong L0, L1, L2, L3;

    public Scalar(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3;
    }

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>Reads a 32-byte big-endian value; false unless it is below r (the KZG field-element rule).</summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes, out Scalar value)
    {
        if (bytes.Length != ByteLength) throw new ArgumentException($"a scalar is {ByteLength} bytes", nameof(bytes));
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(bytes), l2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]), l0 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
        ulong[] r = OrderLimbs;
        (_, ulong borrow) = Fp.Sbb(l0, r[0], 0);
        (_, borrow) = Fp.Sbb(l1, r[1], borrow);
        (_, borrow) = Fp.Sbb(l2, r[2], borrow);
        (_, borrow) = Fp.Sbb(l3, r[3], borrow);
        value = borrow != 0 ? new Scalar(l0, l1, l2, l3) : default;
        return borrow != 0;
    }

    /// <summary>Reduces any integer modulo r.</summary>
    public static Scalar FromBigInteger(BigInteger value)
    {
        value %= Order;
        if (value.Sign < 0) value += Order;
        Span<ulong> l = stackalloc ulong[4];
        Limbs.FromBigInteger(value, l);
        return new Scalar(l[0], l[1], l[2], l[3]);
    }

    public BigInteger ToBigInteger() => Limbs.ToBigInteger([L0, L1, L2, L3]);

    public void CopyTo(Span<ulong> limbs)
    {
        limbs[0] = L0; limbs[1] = L1; limbs[2] = L2; limbs[3] = L3;
    }

    public bool Equals(Scalar other) => L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3;
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public override string ToString() => "0x" + ToBigInteger().ToString("x");
}
