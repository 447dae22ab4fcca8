using System.Runtime.CompilerServices;

namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// A G2 point with the lines of its Miller loop precomputed. The loop's G2 side does not depend on
/// the G1 argument, so a fixed point (the generator, the trusted setup's [τ]G2) is prepared once
/// and every later pairing with it only evaluates the lines at P.
/// </summary>
[SkipLocalsInit]
public sealed class G2Prepared
{
    /// <summary>
    /// One line per doubling and per addition step, in loop order. A line through T on the twist,
    /// evaluated at P = (xP, yP) and scaled by a factor from a proper subfield (which the final
    /// exponentiation erases), is C0 + (CX·xP)·w² + yP·w³: each line is divided by its w³
    /// coefficient so that it is a plain Fp value, which makes the sparse product cheaper.
    /// </summary>
    internal readonly Line[] Lines;

    public bool IsInfinity { get; }

    public G2Prepared(in AffinePoint<Fp2> q)
    {
        IsInfinity = q.IsInfinity;
        Lines = IsInfinity ? [] : BuildLines(q);
    }

    internal readonly struct Line(in Fp2 c0, in Fp2 cx)
    {
        public readonly Fp2 C0 = c0, CX = cx;
    }

    /// <summary>A line before normalisation: C0 + CX·xP·w² + CY·yP·w³.</summary>
    private readonly struct RawLine(in Fp2 c0, in Fp2 cx, in Fp2 cy)
    {
        public readonly Fp2 C0 = c0, CX = cx, CY = cy;
    }

    private static Line[] BuildLines(in AffinePoint<Fp2> q)
    {
        var lines = new List<RawLine>(Pairing.LoopLength + Pairing.LoopAdditions);
        // T in homogeneous projective coordinates (x, y) = (X/Z, Y/Z); no inversions needed.
        Fp2 x = q.X, y = q.Y, z = Fp2.One;
        for (int i = Pairing.LoopLength - 1; i >= 0; i--)
        {
            lines.Add(DoublingStep(ref x, ref y, ref z));
            if (((Pairing.LoopParameter >> i) & 1) != 0) lines.Add(AdditionStep(ref x, ref y, ref z, q));
        }
        return Normalize(lines);
    }

    /// <summary>
    /// Divides every line by its CY (2YZ² or L, never zero for a point of order r), inverting
    /// all of them with one field inversion: prefix products, one inverse, then unwind.
    /// </summary>
    private static Line[] Normalize(List<RawLine> raw)
    {
        var prefix = new Fp2[raw.Count];
        Fp2 acc = Fp2.One;
        for (int i = 0; i < raw.Count; i++)
        {
            prefix[i] = acc;
            acc *= raw[i].CY;
        }
        Fp2 inv = Fp2.Inverse(acc);
        var lines = new Line[raw.Count];
        for (int i = raw.Count - 1; i >= 0; i--)
        {
            Fp2 cyInv = inv * prefix[i];
            inv *= raw[i].CY;
            lines[i] = new Line(raw[i].C0 * cyInv, raw[i].CX * cyInv);
        }
        return lines;
    }

    private static RawLine DoublingStep(ref Fp2 x, ref Fp2 y, ref Fp2 z)
    {
        // Tangent slope λ = 3x²/(2y) with x = X/Z, y = Y/Z. The tangent yP - y - λ(xP - x),
        // times 2YZ², is C0 + CX·xP + CY·yP with C0 = 3X³ - 2Y²Z, CX = -3X²Z, CY = 2YZ².
        Fp2 xx = Fp2.Square(x), yy = Fp2.Square(y), zz = Fp2.Square(z);
        Fp2 xx3 = xx + xx + xx;
        Fp2 yz = y * z;
        var line = new RawLine(xx3 * x - Fp2.Double(yy * z), -(xx3 * z), Fp2.Double(yz * z));

        // 2T: with B = b'Z², X3 = 2XY(Y² - 9B), Y3 = (Y² + 9B)² - 108B², Z3 = 8Y³Z (derived from
        // x3 = λ² - 2x and y3 = λ(x - x3) - y using y² = x³ + b').
        Fp2 bz = G2.B * zz;
        Fp2 bz9 = Fp2.Double(Fp2.Double(Fp2.Double(bz))) + bz;
        Fp2 sum = yy + bz9;
        Fp2 bzSq = Fp2.Square(bz);
        Fp2 bzSq108 = MulSmall(bzSq, 108);
        Fp2 newX = Fp2.Double(x * y * (yy - bz9));
        Fp2 newY = Fp2.Square(sum) - bzSq108;
        Fp2 newZ = Fp2.Double(Fp2.Double(Fp2.Double(yy * yz)));
        x = newX; y = newY; z = newZ;
        return line;
    }

    private static RawLine AdditionStep(ref Fp2 x, ref Fp2 y, ref Fp2 z, in AffinePoint<Fp2> q)
    {
        // Chord through T and Q: λ = θ/L with θ = Y - yQ·Z, L = X - xQ·Z. The line through Q,
        // times L: C0 = θ·xQ - L·yQ, CX = -θ, CY = L.
        Fp2 theta = y - q.Y * z;
        Fp2 l = x - q.X * z;
        var line = new RawLine(theta * q.X - l * q.Y, -theta, l);

        // T + Q: E = θ²Z - L²(X + xQ·Z); X3 = L·E, Y3 = θ(xQ·L²Z - E) - yQ·L³Z, Z3 = L³Z.
        Fp2 ll = Fp2.Square(l);
        Fp2 lll = ll * l;
        Fp2 llz = ll * z;
        Fp2 e = Fp2.Square(theta) * z - ll * (x + q.X * z);
        Fp2 newX = l * e;
        Fp2 newY = theta * (q.X * llz - e) - q.Y * lll * z;
        Fp2 newZ = lll * z;
        x = newX; y = newY; z = newZ;
        return line;
    }

    private static Fp2 MulSmall(in Fp2 a, ulong k) => Fp2.MulByFp(a, Fp.FromUInt64(k));
}
