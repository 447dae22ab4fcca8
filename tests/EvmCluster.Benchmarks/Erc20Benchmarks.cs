using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Tests.Shared;

namespace EvmCluster.Benchmarks;

/// <summary>One OpenZeppelin ERC-20 transfer (the erc20-transfer workload's token and first transaction), full transaction processing.</summary>
[MemoryDiagnoser]
public class Erc20Benchmarks
{
    private EvmHarness _harness = null!;
    private Transaction _transfer = null!;

    [GlobalSetup]
    public void Setup()
    {
        string dir = TestData.Combine("workloads", "erc20-transfer");
        using JsonDocument genesis = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "genesis.json")));
        _harness = new EvmHarness(GenesisAccounts.Load(genesis.RootElement.GetProperty("alloc")));
        using JsonDocument block = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "block.json")));
        JsonElement tx = block.RootElement.GetProperty("transactions")[0];
        _transfer = new Transaction
        {
            Type = TxType.Eip1559,
            Sender = JsonHex.ToAddress(tx.GetProperty("from"), "from"),
            To = JsonHex.ToAddress(tx.GetProperty("to"), "to"),
            Nonce = JsonHex.ToULong(tx.GetProperty("nonce"), "nonce"),
            Data = JsonHex.ToBytes(tx.GetProperty("data"), "data"),
            GasLimit = JsonHex.ToULong(tx.GetProperty("gasLimit"), "gasLimit"),
            MaxFeePerGas = JsonHex.ToUInt256(tx.GetProperty("maxFeePerGas"), "maxFeePerGas"),
            MaxPriorityFeePerGas = JsonHex.ToUInt256(tx.GetProperty("maxPriorityFeePerGas"), "maxPriorityFeePerGas"),
            ChainId = 1337,
        };
        TransactionResult r = LargeStack.Run(() => _harness.Run(_transfer));
        if (!r.Succeeded) throw new InvalidOperationException($"transfer failed: {r.Status} {r.Error} {r.ErrorDetail}");
        Console.WriteLine($"// erc20 transfer: gas used {r.GasUsed}");
    }

    [Benchmark] public long Transfer() => _harness.Run(_transfer).GasUsed;
}
