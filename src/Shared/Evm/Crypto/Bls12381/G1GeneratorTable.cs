namespace EvmCluster.Evm.Crypto.Bls12381;

/// <summary>
/// Fixed-base multiplication of the G1 generator: a table of j·2^(4i)·G (i = 0..63, j = 1..15),
/// built once (about 100 KB), turns [k]G into at most 64 mixed additions with no doublings.
/// </summary>
internal static class G1GeneratorTable
{
    private const int Windows = 64;
    private const int PerWindow = 15;

    private static readonly AffinePoint<Fp>[] Table = Build();

    public static JacobianPoint<Fp> Multiply(in Scalar k)
    {
        AffinePoint<Fp>[] table = Table;
        JacobianPoint<Fp> acc = JacobianPoint<Fp>.Infinity;
        for (int i = 0; i < Windows; i++)
        {
            ulong limb = i switch { < 16 => k.L0, < 32 => k.L1, < 48 => k.L2, _ => k.L3 };
            int w = (int)((limb >> ((i & 15) * 4)) & 15);
            if (w != 0) acc = JacobianPoint<Fp>.Add(acc, table[i * PerWindow + w - 1]);
        }
        return acc;
    }

    private static AffinePoint<Fp>[] Build()
    {
        var jacobian = new JacobianPoint<Fp>[Windows * PerWindow];
        JacobianPoint<Fp> windowBase = G1.Generator.ToJacobian();
        for (int i = 0; i < Windows; i++)
        {
            JacobianPoint<Fp> current = windowBase;
            for (int j = 0; j < PerWindow; j++)
            {
                jacobian[i * PerWindow + j] = current;
                current = JacobianPoint<Fp>.Add(current, windowBase);
            }
            windowBase = current;   // 16·base: the next window's unit
        }
        var table = new AffinePoint<Fp>[jacobian.Length];
        JacobianPoint<Fp>.BatchToAffine(jacobian, table);
        return table;
    }
}
