namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// The group G1: points of E(Fp): y² = x³ + 4 of prime order r, with the 48-byte compressed
/// encoding of the ZCash serialization format that Ethereum's KZG commitments and proofs use.
/// </summary>
public static class G1
{
    /// <summary>Bytes of a compressed point.</summary>
    public const int CompressedLength = 48;

    // Top three bits of the first byte: compressed, point at infinity, y is the larger root.
    private const byte CompressionFlag = 0x80, InfinityFlag = 0x40, SignFlag = 0x20;

    /// <summary>The curve constant b = 4.</summary>
    public static readonly Fp B = Fp.FromUInt64(4);

    /// <summary>The standard generator.</summary>
    public static readonly AffinePoint<Fp> Generator = new(
        Fp.FromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
        Fp.FromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));

    /// <summary>
    /// Decodes a compressed point and accepts it only if it is a valid G1 element: compression
    /// flag set, the infinity encoding exact (0xc0 then zeros), x below p, on the curve and in
    /// the order-r subgroup.
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> input, out AffinePoint<Fp> point)
    {
        point = AffinePoint<Fp>.Infinity;
        if (input.Length != CompressedLength) return false;
        byte flags = input[0];
        if ((flags & CompressionFlag) == 0) return false;

        Span<byte> xBytes = stackalloc byte[CompressedLength];
        input.CopyTo(xBytes);
        xBytes[0] &= 0x1f;
        bool xIsZero = !xBytes.ContainsAnyExcept((byte)0);

        // The infinity flag must agree exactly with an all-zero x, and infinity carries no sign.
        if ((flags & InfinityFlag) != 0) return xIsZero && (flags & SignFlag) == 0;
        if (xIsZero) return false;

        if (!Fp.TryFromBigEndian(xBytes, out Fp x)) return false;
        if (!Fp.TrySqrt(Fp.Square(x) * x + B, out Fp y)) return false;
        if (y.IsLexicographicallyLargest() != ((flags & SignFlag) != 0)) y = -y;

        var candidate = new AffinePoint<Fp>(x, y);
        if (!IsInSubgroup(candidate)) return false;
        point = candidate;
        return true;
    }

    /// <summary>Writes the 48-byte compressed encoding of a point.</summary>
    public static void Compress(in AffinePoint<Fp> point, Span<byte> output)
    {
        if (output.Length != CompressedLength) throw new ArgumentException($"a compressed G1 point is {CompressedLength} bytes", nameof(output));
        if (point.IsInfinity)
        {
            output.Clear();
            output[0] = CompressionFlag | InfinityFlag;
            return;
        }
        point.X.WriteBigEndian(output);
        output[0] |= CompressionFlag;
        if (point.Y.IsLexicographicallyLargest()) output[0] |= SignFlag;
    }

    /// <summary>Whether a curve point lies in the order-r subgroup (equivalently [r]P = O; tested with the endomorphism).</summary>
    public static bool IsInSubgroup(in AffinePoint<Fp> point) => G1Endomorphism.IsInSubgroup(point);

    /// <summary>[k]P for P in G1 (the scalar is split in two halves with the endomorphism).</summary>
    public static JacobianPoint<Fp> Multiply(in AffinePoint<Fp> point, in Scalar k) => G1Endomorphism.Multiply(point, k);

    /// <summary>[k]G for the generator, from a precomputed table.</summary>
    public static JacobianPoint<Fp> MultiplyGenerator(in Scalar k) => G1GeneratorTable.Multiply(k);
}
