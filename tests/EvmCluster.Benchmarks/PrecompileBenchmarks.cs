using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Precompiles;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Tests.Bls12381;
using EvmCluster.Evm.Tests.Bn254;

namespace EvmCluster.Benchmarks;

/// <summary>Cost per call of each precompile on a typical valid input (Cancun pricing).</summary>
[MemoryDiagnoser]
public class PrecompileBenchmarks
{
    private static readonly ReleaseSpec Spec = Forks.Cancun;
    private byte[] _ecrecover = null!, _bytes128 = null!, _modexp = null!, _bnAdd = null!, _bnMul = null!, _bnPairing2 = null!, _blake2f = null!, _pointEvaluation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ecrecover = Hex.Decode("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"
            + "000000000000000000000000000000000000000000000000000000000000001c"
            + "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
            + "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
        _bytes128 = new byte[128];
        new Random(1).NextBytes(_bytes128);
        // 32-byte base, exponent and odd modulus.
        _modexp = Hex.Decode("0x" + "20".PadLeft(64, '0') + "20".PadLeft(64, '0') + "20".PadLeft(64, '0')
            + "03fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd"
            + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
            + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
        _bnAdd = Input(Bn254AddMulVectors.Add, "chfast1");
        _bnMul = Input(Bn254AddMulVectors.Mul, "chfast1");
        _bnPairing2 = Input(Bn254PairingVectors.Pairing, "jeff1");
        // EIP-152 vector 5: 12 rounds.
        _blake2f = Hex.Decode("0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b61626300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000001");
        PointEvaluationVectors.Case c = PointEvaluationVectors.All.First(v => v.Expected == true);
        byte[] commitment = Hex.Decode(c.Commitment);
        byte[] versionedHash = SHA256.HashData(commitment);
        versionedHash[0] = 0x01;
        _pointEvaluation = [.. versionedHash, .. Hex.Decode(c.Z), .. Hex.Decode(c.Y), .. commitment, .. Hex.Decode(c.Proof)];
        foreach (var (precompile, input) in Calls())
            if (!precompile.TryRun(input, Spec, out _)) throw new InvalidOperationException($"{precompile.GetType().Name} rejected its benchmark input");
    }

    private IEnumerable<(IPrecompile, byte[])> Calls() =>
    [
        (EcRecoverPrecompile.Instance, _ecrecover), (Sha256Precompile.Instance, _bytes128), (Ripemd160Precompile.Instance, _bytes128),
        (IdentityPrecompile.Instance, _bytes128), (ModExpPrecompile.Instance, _modexp), (Bn254AddPrecompile.Instance, _bnAdd),
        (Bn254MulPrecompile.Instance, _bnMul), (Bn254PairingPrecompile.Instance, _bnPairing2), (Blake2FPrecompile.Instance, _blake2f),
        (PointEvaluationPrecompile.Instance, _pointEvaluation),
    ];

    private static byte[] Input(string json, string name)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        foreach (JsonElement v in doc.RootElement.EnumerateArray())
            if (v.GetProperty("Name").GetString() == name) return Hex.Decode(v.GetProperty("Input").GetString()!);
        throw new InvalidOperationException($"vector {name} not found");
    }

    private static byte[] Run(IPrecompile p, byte[] input) => p.TryRun(input, Spec, out byte[] output) ? output : [];

    [Benchmark] public byte[] EcRecover_0x01() => Run(EcRecoverPrecompile.Instance, _ecrecover);
    [Benchmark] public byte[] Sha256_0x02_128B() => Run(Sha256Precompile.Instance, _bytes128);
    [Benchmark] public byte[] Ripemd160_0x03_128B() => Run(Ripemd160Precompile.Instance, _bytes128);
    [Benchmark] public byte[] Identity_0x04_128B() => Run(IdentityPrecompile.Instance, _bytes128);
    [Benchmark] public byte[] ModExp_0x05_256bit() => Run(ModExpPrecompile.Instance, _modexp);
    [Benchmark] public byte[] Bn254Add_0x06() => Run(Bn254AddPrecompile.Instance, _bnAdd);
    [Benchmark] public byte[] Bn254Mul_0x07() => Run(Bn254MulPrecompile.Instance, _bnMul);
    [Benchmark] public byte[] Bn254Pairing_0x08_2pairs() => Run(Bn254PairingPrecompile.Instance, _bnPairing2);
    [Benchmark] public byte[] Blake2F_0x09_12rounds() => Run(Blake2FPrecompile.Instance, _blake2f);
    [Benchmark] public byte[] PointEvaluation_0x0a() => Run(PointEvaluationPrecompile.Instance, _pointEvaluation);
}
