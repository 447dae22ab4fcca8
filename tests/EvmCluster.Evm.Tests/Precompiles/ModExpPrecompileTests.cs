using System.Numerics;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Precompiles;

namespace EvmCluster.Evm.Tests.Precompiles;

public class ModExpPrecompileTests
{
    private static readonly TestReleaseSpec Byzantium = TestReleaseSpec.Byzantium;
    private static readonly TestReleaseSpec Berlin = TestReleaseSpec.Berlin;
    private static readonly BigInteger Max256 = BigInteger.Pow(2, 256) - 1;

    private const string Secp256k1PMinus2 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
    private const string Secp256k1P = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";

    /// <summary>Header of three 32-byte length words followed by the data.</summary>
    private static byte[] Input(BigInteger baseLen, BigInteger expLen, BigInteger modLen, string dataHex = "")
    {
        byte[] data = Hex.Decode(dataHex);
        var input = new byte[96 + data.Length];
        Word(baseLen).CopyTo(input, 0);
        Word(expLen).CopyTo(input, 32);
        Word(modLen).CopyTo(input, 64);
        data.CopyTo(input, 96);
        return input;
    }

    private static byte[] Word(BigInteger value)
    {
        var word = new byte[32];
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (value.IsZero) return word;
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }

    private static byte[] Nagydani(string baseHex, string expHex, string modHex) =>
        Input(baseHex.Length / 2, expHex.Length / 2, modHex.Length / 2, baseHex + expHex + modHex);

    public static TheoryData<string, byte[], string, long, long> PublishedVectors()
    {
        var data = new TheoryData<string, byte[], string, long, long>
        {
            { "eip_example1", Input(1, 32, 32, "03" + Secp256k1PMinus2 + Secp256k1P), new string('0', 63) + "1", 13056, 1360 },
            { "eip_example2", Input(0, 32, 32, Secp256k1PMinus2 + Secp256k1P), new string('0', 64), 13056, 1360 },
        };
        (string Name, string Base, string Mod, string[] Outputs, long[] Byzantium, long[] Berlin)[] nagydani =
        [
            ("nagydani-1", ModExpVectors.Nagydani1Base, ModExpVectors.Nagydani1Mod,
                [ModExpVectors.Nagydani1Square, ModExpVectors.Nagydani1Qube, ModExpVectors.Nagydani1Pow0x10001], [204, 204, 3276], [200, 200, 341]),
            ("nagydani-2", ModExpVectors.Nagydani2Base, ModExpVectors.Nagydani2Mod,
                [ModExpVectors.Nagydani2Square, ModExpVectors.Nagydani2Qube, ModExpVectors.Nagydani2Pow0x10001], [665, 665, 10649], [200, 200, 1365]),
            ("nagydani-3", ModExpVectors.Nagydani3Base, ModExpVectors.Nagydani3Mod,
                [ModExpVectors.Nagydani3Square, ModExpVectors.Nagydani3Qube, ModExpVectors.Nagydani3Pow0x10001], [1894, 1894, 30310], [341, 341, 5461]),
            ("nagydani-4", ModExpVectors.Nagydani4Base, ModExpVectors.Nagydani4Mod,
                [ModExpVectors.Nagydani4Square, ModExpVectors.Nagydani4Qube, ModExpVectors.Nagydani4Pow0x10001], [5580, 5580, 89292], [1365, 1365, 21845]),
        ];
        string[] exponents = ["02", "03", "010001"];
        string[] suffixes = ["square", "qube", "pow0x10001"];
        foreach (var n in nagydani)
            for (int i = 0; i < 3; i++)
                data.Add($"{n.Name}-{suffixes[i]}", Nagydani(n.Base, exponents[i], n.Mod), n.Outputs[i], n.Byzantium[i], n.Berlin[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Published_vectors_output_and_both_prices(string name, byte[] input, string expected, long byzantiumGas, long berlinGas)
    {
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output), name);
        Assert.Equal(expected, Convert.ToHexStringLower(output));
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Byzantium, out byte[] output2), name);
        Assert.Equal(expected, Convert.ToHexStringLower(output2));
        Assert.Equal(byzantiumGas, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(berlinGas, ModExpPrecompile.Instance.GasCost(input, Berlin));
    }

    // nagydani-5 (1024-byte base and modulus): gas depends only on the lengths and the exponent head.
    [Theory]
    [InlineData("02", 17868, 5461)]
    [InlineData("03", 17868, 5461)]
    [InlineData("010001", 285900, 87381)]
    public void Nagydani5_gas(string exponent, long byzantiumGas, long berlinGas)
    {
        byte[] input = Nagydani(new string('c', 2048), exponent, new string('d', 2048));
        Assert.Equal(byzantiumGas, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(berlinGas, ModExpPrecompile.Instance.GasCost(input, Berlin));
    }

    [Fact]
    public void Empty_input_is_free_before_berlin_and_200_after_and_returns_nothing()
    {
        Assert.Equal(0, ModExpPrecompile.Instance.GasCost([], Byzantium));
        Assert.Equal(200, ModExpPrecompile.Instance.GasCost([], Berlin));
        Assert.True(ModExpPrecompile.Instance.TryRun([], Berlin, out byte[] output));
        Assert.Empty(output);
    }

    [Fact]
    public void Zero_modulus_length_returns_empty_output()
    {
        byte[] input = Input(1, 1, 0, "0203");
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void Zero_modulus_returns_modulus_length_zeros(string modHex)
    {
        byte[] input = Input(1, 1, modHex.Length / 2, "0203" + modHex);
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal(new byte[modHex.Length / 2], output);
    }

    [Fact]
    public void Modulus_one_gives_zero_even_for_exponent_zero()
    {
        byte[] input = Input(1, 1, 2, "05" + "00" + "0001");
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal(new byte[2], output);
    }

    [Theory]
    [InlineData("00", "00", "05", "01")]      // 0^0 = 1
    [InlineData("07", "00", "05", "01")]      // x^0 = 1
    [InlineData("00", "05", "07", "00")]      // 0^e = 0
    [InlineData("01", "ff", "07", "01")]
    [InlineData("02", "0a", "03e8", "0018")]  // 1024 mod 1000, left-padded to two bytes
    public void Small_cases(string baseHex, string expHex, string modHex, string expected)
    {
        byte[] input = Input(baseHex.Length / 2, expHex.Length / 2, modHex.Length / 2, baseHex + expHex + modHex);
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Input_shorter_than_declared_is_right_padded_with_zeros()
    {
        // modLen 2 but only one modulus byte present: the modulus is 0x0100 = 256, and 2^3 mod 256 = 8.
        byte[] input = Input(1, 1, 2, "02" + "03" + "01");
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal("0008", Convert.ToHexStringLower(output));

        // An odd partial modulus 0x03 becomes the even 0x0300 = 768: 2^10 mod 768 = 256.
        byte[] odd = Input(1, 1, 2, "02" + "0a" + "03");
        Assert.True(ModExpPrecompile.Instance.TryRun(odd, Berlin, out byte[] padded));
        Assert.Equal("0100", Convert.ToHexStringLower(padded));

        // A header cut short reads its missing length bytes as zero: modLen 0x0101 loses its last byte
        // and becomes 0x0100, and with no data the modulus is zero, so the output is 256 zero bytes.
        byte[] cut = Input(1, 1, 0x0101)[..95];
        Assert.True(ModExpPrecompile.Instance.TryRun(cut, Berlin, out byte[] zeros));
        Assert.Equal(new byte[256], zeros);
    }

    [Fact]
    public void Result_shorter_than_modulus_is_left_padded()
    {
        byte[] input = Input(1, 1, 32, "02" + "01" + new string('0', 62) + "05");
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal(new string('0', 62) + "02", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Extra_input_past_the_declared_numbers_is_ignored()
    {
        byte[] input = Input(1, 1, 1, "03" + "02" + "05" + "ffffffff");
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal("04", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Absurd_base_and_exponent_lengths_saturate_gas_and_run_without_allocating()
    {
        byte[] input = Input(Max256, Max256, 32, "ff");
        Assert.Equal(long.MaxValue, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(long.MaxValue, ModExpPrecompile.Instance.GasCost(input, Berlin));
        // The modulus lies wholly past the input, so it is zero and the result is 32 zero bytes.
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Equal(new byte[32], output);
    }

    [Fact]
    public void Absurd_modulus_length_saturates_gas_and_fails_rather_than_allocating()
    {
        byte[] input = Input(1, 1, Max256, "020301");
        Assert.Equal(long.MaxValue, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(long.MaxValue, ModExpPrecompile.Instance.GasCost(input, Berlin));
        Assert.False(ModExpPrecompile.Instance.TryRun(input, Berlin, out _));
    }

    [Fact]
    public void Absurd_exponent_length_with_empty_base_and_modulus_costs_the_floor()
    {
        // The multiplication complexity is zero, so even an astronomically long exponent costs nothing extra.
        byte[] input = Input(0, Max256, 0, "ff");
        Assert.Equal(0, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(200, ModExpPrecompile.Instance.GasCost(input, Berlin));
        Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
        Assert.Empty(output);
    }

    [Fact]
    public void Exponent_length_just_past_64_bits_is_priced_exactly_not_saturated()
    {
        // baseLen = modLen = 1: complexity 1, so EIP-198 gas = 8 * (2^64 - 32) / 20, which fits in a long.
        BigInteger expLen = BigInteger.Pow(2, 64);
        byte[] input = Input(1, expLen, 1);
        long expected = (long)(8 * (expLen - 32) / 20);
        Assert.Equal(expected, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(long.MaxValue, ModExpPrecompile.Instance.GasCost(input, Berlin));

        // Still exact a little further up, where the exponent length itself no longer fits in 64 bits.
        expLen = BigInteger.Pow(2, 64) + BigInteger.Pow(2, 60);
        input = Input(1, expLen, 1);
        expected = (long)(8 * (expLen - 32) / 20);
        Assert.Equal(expected, ModExpPrecompile.Instance.GasCost(input, Byzantium));
    }

    [Fact]
    public void Exponent_head_is_read_past_a_base_that_runs_off_the_input()
    {
        // baseLen 64 but only 2 data bytes: the exponent head reads as zero, so only the length term counts.
        byte[] input = Input(64, 40, 64, "ffff");
        Assert.Equal(4096L * 64 / 20, ModExpPrecompile.Instance.GasCost(input, Byzantium));
        Assert.Equal(64L * 64 / 3, ModExpPrecompile.Instance.GasCost(input, Berlin));
    }

    [Fact]
    public void Gas_matches_a_direct_big_integer_transcription_of_the_eips()
    {
        BigInteger[] lengths =
        [
            0, 1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1023, 1024, 1025, 4096, 65536,
            BigInteger.Pow(2, 32), BigInteger.Pow(2, 62), BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 64),
            BigInteger.Pow(2, 127), BigInteger.Pow(2, 128), BigInteger.Pow(2, 200), Max256,
        ];
        var random = new Random(20250101);
        for (int iteration = 0; iteration < 4000; iteration++)
        {
            BigInteger Pick() => random.Next(4) == 0 ? random.Next(0, 200) : lengths[random.Next(lengths.Length)];
            BigInteger baseLen = Pick(), expLen = Pick(), modLen = Pick();
            var data = new byte[random.Next(0, 160)];
            random.NextBytes(data);
            // Sparse exponent heads exercise the highest-bit search.
            for (int i = 0; i < data.Length; i++) if (random.Next(3) == 0) data[i] = 0;
            byte[] input = Input(baseLen, expLen, modLen, Convert.ToHexString(data));
            if (random.Next(5) == 0) input = input[..random.Next(0, input.Length + 1)];

            Assert.Equal(ReferenceGas(input, berlin: false), ModExpPrecompile.Instance.GasCost(input, Byzantium));
            Assert.Equal(ReferenceGas(input, berlin: true), ModExpPrecompile.Instance.GasCost(input, Berlin));
        }
    }

    [Fact]
    public void Results_match_square_and_multiply_on_random_inputs()
    {
        var random = new Random(7);
        for (int iteration = 0; iteration < 300; iteration++)
        {
            int baseLen = random.Next(0, 40), expLen = random.Next(0, 6), modLen = random.Next(1, 40);
            var data = new byte[baseLen + expLen + modLen];
            random.NextBytes(data);
            byte[] input = Input(baseLen, expLen, modLen, Convert.ToHexString(data));

            var b = new BigInteger(data.AsSpan(0, baseLen), isUnsigned: true, isBigEndian: true);
            var e = new BigInteger(data.AsSpan(baseLen, expLen), isUnsigned: true, isBigEndian: true);
            var m = new BigInteger(data.AsSpan(baseLen + expLen, modLen), isUnsigned: true, isBigEndian: true);
            var expected = new byte[modLen];
            if (!m.IsZero)
            {
                BigInteger r = SquareAndMultiply(b, e, m);
                byte[] rb = r.IsZero ? [] : r.ToByteArray(isUnsigned: true, isBigEndian: true);
                rb.CopyTo(expected, modLen - rb.Length);
            }

            Assert.True(ModExpPrecompile.Instance.TryRun(input, Berlin, out byte[] output));
            Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(output));
        }
    }

    private static BigInteger SquareAndMultiply(BigInteger b, BigInteger e, BigInteger m)
    {
        BigInteger result = BigInteger.One % m;
        b %= m;
        for (long bit = (long)e.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = result * result % m;
            if (!(e >> (int)bit).IsEven) result = result * b % m;
        }
        return result;
    }

    /// <summary>EIP-198 / EIP-2565 pricing written out with unbounded integers, saturated at the end.</summary>
    private static long ReferenceGas(byte[] input, bool berlin)
    {
        BigInteger Read(byte[] source, BigInteger offset, int size)
        {
            var buffer = new byte[size];
            for (int i = 0; i < size; i++)
            {
                BigInteger at = offset + i;
                if (at < source.Length) buffer[i] = source[(int)at];
            }
            return new BigInteger(buffer, isUnsigned: true, isBigEndian: true);
        }

        BigInteger baseLen = Read(input, 0, 32), expLen = Read(input, 32, 32), modLen = Read(input, 64, 32);
        byte[] data = input.Length > 96 ? input[96..] : [];
        BigInteger expHead = data.Length <= baseLen ? BigInteger.Zero : Read(data, baseLen, expLen > 32 ? 32 : (int)expLen);
        BigInteger adjusted = (expLen > 32 ? 8 * (expLen - 32) : 0) + (expHead.IsZero ? 0 : (long)expHead.GetBitLength() - 1);
        BigInteger x = BigInteger.Max(baseLen, modLen);

        BigInteger gas;
        if (berlin)
        {
            BigInteger words = (x + 7) / 8;
            gas = BigInteger.Max(words * words * BigInteger.Max(adjusted, 1) / 3, 200);
        }
        else
        {
            BigInteger complexity = x <= 64 ? x * x : x <= 1024 ? x * x / 4 + 96 * x - 3072 : x * x / 16 + 480 * x - 199680;
            gas = complexity * BigInteger.Max(adjusted, 1) / 20;
        }
        return gas > long.MaxValue ? long.MaxValue : (long)gas;
    }
}
