namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// The group G2: points of order r on the sextic twist E'(Fp2): y² = x³ + 4(1 + u). Points of
/// E' map into E(Fp12) by (x, y) → (x/w², y/w³), which is how the pairing sees them.
/// </summary>
public static class G2
{
    /// <summary>Bytes of a compressed point.</summary>
    public const int CompressedLength = 96;

    /// <summary>The twist's curve constant b' = 4ξ = 4 + 4u.</summary>
    public static readonly Fp2 B = new(Fp.FromUInt64(4), Fp.FromUInt64(4));

    /// <summary>The standard generator.</summary>
    public static readonly AffinePoint<Fp2> Generator = FromHex(
        "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
        "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e",
        "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801",
        "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be");

    /// <summary>An affine point from the hex of x.c0, x.c1, y.c0, y.c1.</summary>
    public static AffinePoint<Fp2> FromHex(string x0, string x1, string y0, string y1) =>
        new(new Fp2(Fp.FromHex(x0), Fp.FromHex(x1)), new Fp2(Fp.FromHex(y0), Fp.FromHex(y1)));

    /// <summary>Writes the 96-byte compressed encoding (x.c1 first, then x.c0; flags as for G1).</summary>
    public static void Compress(in AffinePoint<Fp2> point, Span<byte> output)
    {
        if (output.Length != CompressedLength) throw new ArgumentException($"a compressed G2 point is {CompressedLength} bytes", nameof(output));
        output.Clear();
        if (point.IsInfinity)
        {
            output[0] = 0xc0;
            return;
        }
        point.X.C1.WriteBigEndian(output[..48]);
        point.X.C0.WriteBigEndian(output[48..]);
        output[0] |= 0x80;
        if (point.Y.IsLexicographicallyLargest()) output[0] |= 0x20;
    }

    /// <summary>Whether a twist point has order dividing r.</summary>
    public static bool IsInSubgroup(in AffinePoint<Fp2> point) =>
        point.IsInfinity || JacobianPoint<Fp2>.Multiply(point.ToJacobian(), Scalar.OrderLimbs).IsInfinity;

    /// <summary>[k]Q.</summary>
    public static JacobianPoint<Fp2> Multiply(in AffinePoint<Fp2> point, in Scalar k)
    {
        Span<ulong> limbs = stackalloc ulong[4];
        k.CopyTo(limbs);
        return JacobianPoint<Fp2>.Multiply(point.ToJacobian(), limbs);
    }
}
