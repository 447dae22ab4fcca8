using System.Numerics;
using EvmCluster.Evm.Precompiles;

namespace EvmCluster.Evm.Tests.Precompiles;

public class MontgomeryModExpTests
{
    private static string Expected(byte[] b, byte[] e, byte[] m)
    {
        BigInteger result = BigInteger.ModPow(new BigInteger(b, true, true), new BigInteger(e, true, true), new BigInteger(m, true, true));
        var bytes = new byte[m.Length];
        if (!result.IsZero)
        {
            byte[] raw = result.ToByteArray(isUnsigned: true, isBigEndian: true);
            raw.CopyTo(bytes, m.Length - raw.Length);
        }
        return Convert.ToHexStringLower(bytes);
    }

    private static string Actual(byte[] b, byte[] e, byte[] m)
    {
        var output = new byte[m.Length];
        Assert.True(MontgomeryModExp.TryModPow(b, e, m, output));
        return Convert.ToHexStringLower(output);
    }

    [Fact]
    public void Matches_BigInteger_on_random_odd_moduli_of_every_limb_boundary()
    {
        var random = new Random(99);
        int[] sizes = [1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 63, 64, 65, 100, 128, 255, 256, 257, 511, 512];
        foreach (int modLen in sizes)
        {
            for (int iteration = 0; iteration < 12; iteration++)
            {
                var m = new byte[modLen];
                random.NextBytes(m);
                m[^1] |= 1;
                if (iteration % 4 == 1) m[0] = 0; // leading zero byte
                if (iteration % 4 == 2) Array.Fill(m, (byte)0xff);
                if (new BigInteger(m, true, true) <= 1) continue;

                int baseLen = iteration % 3 == 0 ? modLen + 9 : random.Next(0, modLen + 1); // sometimes longer than m
                var b = new byte[baseLen];
                random.NextBytes(b);
                if (iteration == 5) Array.Copy(m, b, Math.Min(b.Length, m.Length)); // base near m
                int expLen = modLen > 128 ? random.Next(1, 5) : random.Next(1, 40);
                var e = new byte[expLen];
                random.NextBytes(e);
                if (iteration == 7) Array.Clear(e, 0, e.Length - 1); // short exponent after leading zeros

                Assert.Equal(Expected(b, e, m), Actual(b, e, m));
            }
        }
    }

    [Theory]
    [InlineData("03", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")]
    [InlineData("00", "05", "07")]
    [InlineData("05", "00", "07")]
    [InlineData("", "", "0d")]
    [InlineData("07", "01", "07")]
    [InlineData("08", "01", "07")]
    [InlineData("ffffffffffffffffffffffffffffffff", "ffff", "fffffffffffffffffffffffffffffffd")]
    public void Matches_BigInteger_on_edge_values(string b, string e, string m)
    {
        byte[] bb = Convert.FromHexString(b), eb = Convert.FromHexString(e), mb = Convert.FromHexString(m);
        Assert.Equal(Expected(bb, eb, mb), Actual(bb, eb, mb));
    }

    [Theory]
    [InlineData("02")]
    [InlineData("0100")]
    [InlineData("01")]
    [InlineData("00")]
    [InlineData("")]
    public void Declines_even_zero_and_unit_moduli(string m)
    {
        var output = new byte[Math.Max(1, m.Length / 2)];
        Assert.False(MontgomeryModExp.TryModPow([3], [5], Convert.FromHexString(m), output));
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Declines_moduli_above_the_size_limit()
    {
        var m = new byte[MontgomeryModExp.MaxLimbs * 8 + 1];
        m[0] = 1;
        m[^1] = 1;
        Assert.False(MontgomeryModExp.TryModPow([3], [5], m, new byte[m.Length]));

        // The largest accepted size still agrees with BigInteger.
        var largest = new byte[MontgomeryModExp.MaxLimbs * 8];
        new Random(3).NextBytes(largest);
        largest[^1] |= 1;
        byte[] b = [7, 1, 2, 3];
        byte[] e = [1, 0, 1];
        Assert.Equal(Expected(b, e, largest), Actual(b, e, largest));
    }
}
