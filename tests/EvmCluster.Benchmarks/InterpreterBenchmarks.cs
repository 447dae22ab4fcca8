using BenchmarkDotNet.Attributes;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Benchmarks;

/// <summary>
/// Interpreter throughput on loops. Each benchmark runs one transaction; gas used is printed once
/// at setup so Mgas/s = gas / mean time.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private const ushort Iterations = 20_000;
    private static readonly Address Callee = Address.FromLowBytes(0xCA11);

    private EvmHarness _arithmetic = null!, _keccak = null!, _calls = null!;
    private Transaction _tx = null!;

    [GlobalSetup]
    public void Setup()
    {
        _arithmetic = EvmHarness.WithContract(Bytecode.ArithmeticLoop(Iterations));
        _keccak = EvmHarness.WithContract(Bytecode.KeccakLoop(Iterations));
        _calls = EvmHarness.WithContract(Bytecode.CallLoop(Iterations, 0xCA11), (Callee, Bytecode.Stop));
        _tx = EvmHarness.Call(EvmHarness.Sender, EvmHarness.Contract, []);
        foreach (var (name, harness) in new[] { ("arithmetic", _arithmetic), ("keccak", _keccak), ("calls", _calls) })
        {
            TransactionResult r = LargeStack.Run(() => harness.Run(_tx));
            if (!r.Succeeded) throw new InvalidOperationException($"{name} loop failed: {r.Status} {r.Error}");
            Console.WriteLine($"// {name}: gas used {r.GasUsed}");
        }
    }

    [Benchmark] public long ArithmeticLoop() => _arithmetic.Run(_tx).GasUsed;
    [Benchmark] public long KeccakLoop() => _keccak.Run(_tx).GasUsed;
    [Benchmark] public long CallLoop() => _calls.Run(_tx).GasUsed;
}
