using System.Numerics;

namespace EvmCluster.Evm.Crypto.Bn254;

/// <summary>
/// The optimal ate pairing e: G1 × G2 → μ_r ⊂ F_p¹² of BN254: a Miller loop over 6u + 2 plus two Frobenius
/// lines, then the final exponentiation by (p¹² - 1)/r. Products of pairings share one loop and one exponentiation.
/// </summary>
public static class Pairing
{
    private static readonly BigInteger SixUPlusTwo = 6 * new BigInteger(G2Point.Seed) + 2;

    // Signed digits cut the loop's additions from 36 to 21, and the multiplications in f^u from 27 to 23.
    private static readonly sbyte[] LoopNaf = ScalarRecoding.Naf(SixUPlusTwo);
    private static readonly sbyte[] SeedNaf = ScalarRecoding.Naf(G2Point.Seed);

    private static readonly Fp2 ThreeB = ComputeThreeB();

    private static Fp2 ComputeThreeB()
    {
        Fp2.Double(in G2Point.B, out Fp2 t);
        Fp2.Add(in t, in G2Point.B, out t);
        return t;
    }

    /// <summary>Per-pair Miller-loop state: the running multiple T of Q (homogeneous projective) and P-derived constants.</summary>
    private struct PairState
    {
        public Fp2 X, Y, Z;     // T
        public Fp2 QX, QY, NegQY;
        public Fp YP, NegYP, NegXP, ThreeXP;
    }

    /// <summary>True when the product of e(P_i, Q_i) is 1; pairs with a point at infinity contribute 1.</summary>
    public static bool Check(ReadOnlySpan<G1Point> g1, ReadOnlySpan<G2Point> g2)
    {
        MillerLoop(g1, g2, out Fp12 f);
        FinalExponentiation(in f, out f);
        return f.IsOne;
    }

    /// <summary>e(P, Q) itself, for tests of bilinearity.</summary>
    public static Fp12 Compute(in G1Point p, in G2Point q)
    {
        MillerLoop([p], [q], out Fp12 f);
        FinalExponentiation(in f, out f);
        return f;
    }

    /// <summary>The product of the Miller-loop values f_{6u+2,Q}(P)·(Frobenius lines) over all pairs.</summary>
    public static void MillerLoop(ReadOnlySpan<G1Point> g1, ReadOnlySpan<G2Point> g2, out Fp12 f)
    {
        if (g1.Length != g2.Length) throw new ArgumentException("pair count mismatch");
        int n = 0;
        for (int i = 0; i < g1.Length; i++) if (!g1[i].IsInfinity && !g2[i].IsInfinity) n++;
        Span<PairState> states = n <= 4 ? stackalloc PairState[n] : new PairState[n];
        for (int i = 0, k = 0; i < g1.Length; i++)
        {
            if (g1[i].IsInfinity || g2[i].IsInfinity) continue;
            ref PairState s = ref states[k++];
            s.X = s.QX = g2[i].X;
            s.Y = s.QY = g2[i].Y;
            s.Z = Fp2.One;
            Fp2.Neg(in s.QY, out s.NegQY);
            s.YP = g1[i].Y;
            Fp.Neg(in g1[i].Y, out s.NegYP);
            Fp.Neg(in g1[i].X, out s.NegXP);
            Fp.Double(in g1[i].X, out s.ThreeXP);
            Fp.Add(in s.ThreeXP, in g1[i].X, out s.ThreeXP);
        }

        f = Fp12.One;
        if (n == 0) return;
        Fp2 l0, l1, l2;
        for (int bit = LoopNaf.Length - 2; bit >= 0; bit--)
        {
            if (bit != LoopNaf.Length - 2) Fp12.Square(in f, out f);
            for (int k = 0; k < n; k++)
            {
                DoublingStep(ref states[k], out l0, out l1, out l2);
                Fp12.MulByLine(in f, in l0, in l1, in l2, out f);
            }
            int digit = LoopNaf[bit];
            if (digit == 0) continue;
            for (int k = 0; k < n; k++)
            {
                ref PairState s = ref states[k];
                ref readonly Fp2 qy = ref (digit > 0 ? ref s.QY : ref s.NegQY);
                AdditionStep(ref s, in s.QX, in qy, out l0, out l1, out l2);
                Fp12.MulByLine(in f, in l0, in l1, in l2, out f);
            }
        }

        // Optimal ate correction: add π(Q) and then -π²(Q) to T = [6u+2]Q, multiplying in both lines.
        for (int k = 0; k < n; k++)
        {
            ref PairState s = ref states[k];
            Fp2.Conjugate(in s.QX, out Fp2 x1);
            Fp2.Mul(in x1, in Fp12.FrobeniusFactor(1, 2), out x1);
            Fp2.Conjugate(in s.QY, out Fp2 y1);
            Fp2.Mul(in y1, in Fp12.FrobeniusFactor(1, 3), out y1);
            AdditionStep(ref s, in x1, in y1, out l0, out l1, out l2);
            Fp12.MulByLine(in f, in l0, in l1, in l2, out f);

            Fp2.Mul(in s.QX, in Fp12.FrobeniusFactor(2, 2), out Fp2 x2);
            Fp2.Mul(in s.QY, in Fp12.FrobeniusFactor(2, 3), out Fp2 y2);
            Fp2.Neg(in y2, out y2);
            AdditionStep(ref s, in x2, in y2, out l0, out l1, out l2);
            Fp12.MulByLine(in f, in l0, in l1, in l2, out f);
        }
    }

    /// <summary>
    /// T ← 2T and the tangent line at T evaluated at P, scaled by an F_p² factor (which the final exponentiation
    /// removes): l = -2YZ·y_P + 3X²·x_P·w + (3b'Z² - Y²)·w³.
    /// </summary>
    private static void DoublingStep(ref PairState s, out Fp2 l0, out Fp2 l1, out Fp2 l2)
    {
        Fp2.Mul(in s.X, in s.Y, out Fp2 a);
        Fp2.Square(in s.Y, out Fp2 b);
        Fp2.Square(in s.Z, out Fp2 c);
        Fp2.Mul(in c, in ThreeB, out Fp2 e);     // E = 3b'Z²
        Fp2.Double(in e, out Fp2 f);
        Fp2.Add(in f, in e, out f);              // F = 3E
        Fp2.Add(in s.Y, in s.Z, out Fp2 h);
        Fp2.Square(in h, out h);
        Fp2.Sub(in h, in b, out h);
        Fp2.Sub(in h, in c, out h);              // H = 2YZ
        Fp2.Square(in s.X, out Fp2 j);

        Fp2.MulByFp(in h, in s.NegYP, out l0);
        Fp2.MulByFp(in j, in s.ThreeXP, out l1);
        Fp2.Sub(in e, in b, out l2);

        // Costello–Lange–Naehrig doubling, all coordinates scaled by 4 to avoid halving:
        // X3 = 2XY(B - F), Y3 = (B + F)² - 12E², Z3 = 4BH.
        Fp2.Sub(in b, in f, out Fp2 t);
        Fp2.Mul(in a, in t, out t);
        Fp2.Double(in t, out s.X);
        Fp2.Add(in b, in f, out t);
        Fp2.Square(in t, out t);
        Fp2.Square(in e, out Fp2 e2);
        Fp2.Double(in e2, out e2);
        Fp2.Double(in e2, out e2);               // 4E²
        Fp2.Sub(in t, in e2, out t);
        Fp2.Sub(in t, in e2, out t);
        Fp2.Sub(in t, in e2, out s.Y);
        Fp2.Mul(in b, in h, out t);
        Fp2.Double(in t, out t);
        Fp2.Double(in t, out s.Z);
    }

    /// <summary>
    /// T ← T + (x2, y2) and the chord through them evaluated at P, scaled by λ = X - x2·Z:
    /// l = λ·y_P - θ·x_P·w + (θ·x2 - λ·y2)·w³ with θ = Y - y2·Z.
    /// </summary>
    private static void AdditionStep(ref PairState s, in Fp2 x2, in Fp2 y2, out Fp2 l0, out Fp2 l1, out Fp2 l2)
    {
        Fp2.Mul(in y2, in s.Z, out Fp2 theta);
        Fp2.Sub(in s.Y, in theta, out theta);
        Fp2.Mul(in x2, in s.Z, out Fp2 lambda);
        Fp2.Sub(in s.X, in lambda, out lambda);

        Fp2.MulByFp(in lambda, in s.YP, out l0);
        Fp2.MulByFp(in theta, in s.NegXP, out l1);
        Fp2.Mul(in theta, in x2, out l2);
        Fp2.Mul(in lambda, in y2, out Fp2 t);
        Fp2.Sub(in l2, in t, out l2);

        Fp2.Square(in theta, out Fp2 c);
        Fp2.Square(in lambda, out Fp2 d);
        Fp2.Mul(in lambda, in d, out Fp2 e);     // λ³
        Fp2.Mul(in s.Z, in c, out Fp2 f);
        Fp2.Mul(in s.X, in d, out Fp2 g);
        Fp2.Add(in e, in f, out Fp2 h);
        Fp2.Sub(in h, in g, out h);
        Fp2.Sub(in h, in g, out h);              // H = λ³ + Zθ² - 2Xλ²
        Fp2.Mul(in lambda, in h, out s.X);
        Fp2.Sub(in g, in h, out t);
        Fp2.Mul(in theta, in t, out t);
        Fp2.Mul(in s.Y, in e, out Fp2 ye);
        Fp2.Sub(in t, in ye, out s.Y);
        Fp2.Mul(in s.Z, in e, out s.Z);
    }

    /// <summary>
    /// r = f^((p¹² - 1)/r). Easy part f^((p⁶ - 1)(p² + 1)) lands in the cyclotomic subgroup; the hard part
    /// (p⁴ - p² + 1)/r = λ0 + λ1·p + λ2·p² + λ3·p³ is evaluated as y0·y1²·y2⁶·y3¹²·y4¹⁸·y5³⁰·y6³⁶ from f^u, f^u², f^u³.
    /// </summary>
    public static void FinalExponentiation(in Fp12 f, out Fp12 r)
    {
        Fp12.Conjugate(in f, out Fp12 t0);
        Fp12.Inverse(in f, out Fp12 t1);
        Fp12.Mul(in t0, in t1, out Fp12 m);           // f^(p⁶ - 1)
        Fp12.Frobenius(in m, 2, out t0);
        Fp12.Mul(in t0, in m, out m);                 // ·^(p² + 1)

        ExpBySeed(in m, out Fp12 fu);
        ExpBySeed(in fu, out Fp12 fu2);
        ExpBySeed(in fu2, out Fp12 fu3);

        // y0 = f^(p + p² + p³)
        Fp12.Frobenius(in m, 1, out Fp12 y0);
        Fp12.Frobenius(in m, 2, out t0);
        Fp12.Mul(in y0, in t0, out y0);
        Fp12.Frobenius(in m, 3, out t0);
        Fp12.Mul(in y0, in t0, out y0);
        Fp12.Conjugate(in m, out Fp12 y1);             // f^-1
        Fp12.Frobenius(in fu2, 2, out Fp12 y2);        // f^(u²p²)
        Fp12.Frobenius(in fu, 1, out Fp12 y3);
        Fp12.Conjugate(in y3, out y3);                 // f^(-up)
        Fp12.Frobenius(in fu2, 1, out Fp12 y4);
        Fp12.Mul(in y4, in fu, out y4);
        Fp12.Conjugate(in y4, out y4);                 // f^(-u - u²p)
        Fp12.Conjugate(in fu2, out Fp12 y5);           // f^(-u²)
        Fp12.Frobenius(in fu3, 1, out Fp12 y6);
        Fp12.Mul(in y6, in fu3, out y6);
        Fp12.Conjugate(in y6, out y6);                 // f^(-u³ - u³p)

        // Addition chain for the exponents (1, 2, 6, 12, 18, 30, 36) of (y0, …, y6).
        Fp12.CyclotomicSquare(in y6, out t0);
        Fp12.Mul(in t0, in y4, out t0);
        Fp12.Mul(in t0, in y5, out t0);
        Fp12.Mul(in t0, in y3, out t1);
        Fp12.Mul(in t1, in y5, out t1);
        Fp12.Mul(in t0, in y2, out t0);
        Fp12.CyclotomicSquare(in t1, out t1);
        Fp12.Mul(in t1, in t0, out t1);
        Fp12.CyclotomicSquare(in t1, out t1);
        Fp12.Mul(in t1, in y1, out t0);
        Fp12.Mul(in t1, in y0, out t1);
        Fp12.CyclotomicSquare(in t0, out t0);
        Fp12.Mul(in t0, in t1, out r);
    }

    /// <summary>r = a^u for a in the cyclotomic subgroup, where the inverse is the conjugate.</summary>
    private static void ExpBySeed(in Fp12 a, out Fp12 r)
    {
        Fp12.Conjugate(in a, out Fp12 aInv);
        Fp12 acc = a;
        for (int i = SeedNaf.Length - 2; i >= 0; i--)
        {
            Fp12.CyclotomicSquare(in acc, out acc);
            if (SeedNaf[i] > 0) Fp12.Mul(in acc, in a, out acc);
            else if (SeedNaf[i] < 0) Fp12.Mul(in acc, in aInv, out acc);
        }
        r = acc;
    }
}
