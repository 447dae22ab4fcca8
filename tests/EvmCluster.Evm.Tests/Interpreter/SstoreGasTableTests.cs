using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>
/// SSTORE price and refund for (original, current, new) under the legacy rule, EIP-1283 (Constantinople),
/// EIP-2200 (Istanbul), EIP-2929 (Berlin) and EIP-3529 (London). When current differs from original the
/// program first writes current, then measures the gas of the final SSTORE with GAS…GAS.
/// The refund column is the transaction's refund counter after both writes.
/// </summary>
public class SstoreGasTableTests
{
    private static readonly UInt256 Slot = 1;

    // Legacy (Frontier … Byzantium, Petersburg): only current and new matter.
    private const long Set = GasCostOf.SSet, Reset = GasCostOf.SReset, Clear = GasCostOf.SClearRefund;
    // EIP-1283 and EIP-2200 charge an SLOAD for no-op and dirty writes.
    private const long Sload1283 = GasCostOf.NetMeteredSloadEip1283, Sload2200 = GasCostOf.SloadEip1884;
    // EIP-2929: a warm read is 100, SSTORE_RESET loses the cold-slot part, the first touch of a slot adds 2,100.
    private const long Warm = GasCostOf.WarmStateRead, Cold = GasCostOf.ColdSLoad, Reset2929 = GasCostOf.SReset - GasCostOf.ColdSLoad;
    private const long Clear3529 = GasCostOf.SClearRefundEip3529;

    public static TheoryData<string, int, int, int, long, long> Cases => new()
    {
        // fork, original, current, new, gas of the final SSTORE, refund counter
        { "Frontier", 0, 0, 0, Reset, 0 },
        { "Frontier", 0, 0, 1, Set, 0 },
        { "Frontier", 1, 1, 0, Reset, Clear },
        { "Frontier", 1, 1, 2, Reset, 0 },
        { "Frontier", 1, 1, 1, Reset, 0 },
        { "Frontier", 0, 1, 0, Reset, Clear },
        { "Frontier", 1, 0, 1, Set, Clear },
        { "Petersburg", 1, 2, 1, Reset, 0 },
        { "Petersburg", 0, 1, 2, Reset, 0 },

        { "Constantinople", 0, 0, 0, Sload1283, 0 },
        { "Constantinople", 0, 0, 1, Set, 0 },
        { "Constantinople", 1, 1, 0, Reset, Clear },
        { "Constantinople", 1, 1, 2, Reset, 0 },
        { "Constantinople", 1, 1, 1, Sload1283, 0 },
        { "Constantinople", 0, 1, 0, Sload1283, Set - Sload1283 },
        { "Constantinople", 0, 1, 2, Sload1283, 0 },
        { "Constantinople", 1, 0, 0, Sload1283, Clear },
        { "Constantinople", 1, 0, 1, Sload1283, Clear - Clear + (Reset - Sload1283) },
        { "Constantinople", 1, 0, 2, Sload1283, Clear - Clear },
        { "Constantinople", 1, 2, 0, Sload1283, Clear },
        { "Constantinople", 1, 2, 1, Sload1283, Reset - Sload1283 },
        { "Constantinople", 1, 2, 3, Sload1283, 0 },

        { "Istanbul", 0, 0, 0, Sload2200, 0 },
        { "Istanbul", 0, 0, 1, Set, 0 },
        { "Istanbul", 1, 1, 0, Reset, Clear },
        { "Istanbul", 1, 1, 2, Reset, 0 },
        { "Istanbul", 1, 1, 1, Sload2200, 0 },
        { "Istanbul", 0, 1, 0, Sload2200, Set - Sload2200 },
        { "Istanbul", 0, 1, 2, Sload2200, 0 },
        { "Istanbul", 1, 0, 0, Sload2200, Clear },
        { "Istanbul", 1, 0, 1, Sload2200, Reset - Sload2200 },
        { "Istanbul", 1, 0, 2, Sload2200, 0 },
        { "Istanbul", 1, 2, 0, Sload2200, Clear },
        { "Istanbul", 1, 2, 1, Sload2200, Reset - Sload2200 },
        { "Istanbul", 1, 2, 3, Sload2200, 0 },

        { "Berlin", 0, 0, 0, Cold + Warm, 0 },
        { "Berlin", 0, 0, 1, Cold + Set, 0 },
        { "Berlin", 1, 1, 0, Cold + Reset2929, Clear },
        { "Berlin", 1, 1, 2, Cold + Reset2929, 0 },
        { "Berlin", 1, 1, 1, Cold + Warm, 0 },
        { "Berlin", 0, 1, 0, Warm, Set - Warm },
        { "Berlin", 0, 1, 2, Warm, 0 },
        { "Berlin", 1, 0, 0, Warm, Clear },
        { "Berlin", 1, 0, 1, Warm, Reset2929 - Warm },
        { "Berlin", 1, 2, 0, Warm, Clear },
        { "Berlin", 1, 2, 1, Warm, Reset2929 - Warm },
        { "Berlin", 1, 2, 3, Warm, 0 },

        { "London", 0, 0, 0, Cold + Warm, 0 },
        { "London", 0, 0, 1, Cold + Set, 0 },
        { "London", 1, 1, 0, Cold + Reset2929, Clear3529 },
        { "London", 1, 1, 2, Cold + Reset2929, 0 },
        { "London", 0, 1, 0, Warm, Set - Warm },
        { "London", 1, 0, 0, Warm, Clear3529 },
        { "London", 1, 0, 1, Warm, Reset2929 - Warm },
        { "London", 1, 2, 0, Warm, Clear3529 },
        { "London", 1, 2, 1, Warm, Reset2929 - Warm },
        { "Cancun", 1, 2, 0, Warm, Clear3529 },
        { "Cancun", 0, 1, 0, Warm, Set - Warm },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sstore_gas_and_refund(string fork, int original, int current, int newValue, long gas, long refund)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec);
        harness.World.SetStorage(EvmHarness.Contract, Slot, (ulong)original);
        var code = new BytecodeBuilder();
        if (current != original) code.SStore(Slot, (ulong)current);
        code.Measure(b => b.SStore(Slot, (ulong)newValue)).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)ExpectedGas.Measured(ExpectedGas.VeryLow(2) + gas)), run.OutputWord());
        Assert.Equal(refund, run.RefundCounter);
        Assert.Equal(new UInt256((ulong)newValue), run.Storage(EvmHarness.Contract, Slot));
        bool written = run.Changes.Storage.Any(w => w.Cell.Address == EvmHarness.Contract && w.Cell.Slot == Slot);
        Assert.Equal(newValue != original, written);
    }
}
