using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>SELFDESTRUCT: pricing by fork (EIP-150, 161, 2929), the refund until London, and EIP-6780's restriction in Cancun.</summary>
public class SelfDestructTests
{
    private static readonly Address Missing = Address.FromLowBytes(0xDEAD);
    private static readonly UInt256 Funds = 100;

    private static (EvmHarness Harness, Execution Run) DestructOther(ReleaseSpec spec, Address beneficiary)
    {
        var harness = new EvmHarness(spec).Deploy(EvmHarness.Other, new BytecodeBuilder().SelfDestruct(beneficiary), balance: Funds);
        return (harness, harness.Call(EvmHarness.Other).Expect(EvmStatus.SelfDestruct));
    }

    [Fact]
    public void Before_Cancun_the_account_is_removed_and_its_balance_sent()
    {
        (EvmHarness harness, Execution run) = DestructOther(Forks.Shanghai, Missing);

        Assert.Equal(AccountDeletion.Destroyed, run.AccountWriteFor(EvmHarness.Other)!.Value.Deletion);
        Assert.Null(harness.World.Account(EvmHarness.Other));
        Assert.Equal(Funds, harness.World.Account(Missing)!.Value.Balance);
        long expected = GasCostOf.VeryLow + GasCostOf.SelfDestructEip150 + GasCostOf.ColdAccountAccess + GasCostOf.NewAccount;
        Assert.Equal(expected, run.ExecutionGas);
        Assert.Equal(0, run.RefundCounter);
    }

    [Fact]
    public void In_Cancun_an_old_contract_only_sends_its_balance()
    {
        (EvmHarness harness, Execution run) = DestructOther(Forks.Cancun, EvmHarness.Third);

        Assert.False(run.AccountWriteFor(EvmHarness.Other)!.Value.IsDeleted);
        AccountRecord other = harness.World.Account(EvmHarness.Other)!.Value;
        Assert.True(other.HasCode);
        Assert.Equal(UInt256.Zero, other.Balance);
        Assert.Equal(Funds, harness.World.Account(EvmHarness.Third)!.Value.Balance);
        // Third did not exist: a funded beneficiary that is dead costs a new account.
        long expected = GasCostOf.VeryLow + GasCostOf.SelfDestructEip150 + GasCostOf.ColdAccountAccess + GasCostOf.NewAccount;
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void In_Cancun_a_contract_created_in_the_same_transaction_is_removed()
    {
        byte[] init = new BytecodeBuilder().SelfDestruct(EvmHarness.Third).ToArray();
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().StoreInMemory(0, init).Create(5, 0, init.Length).ReturnTop(), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Address created = ExpectedAddress.OfCreate(EvmHarness.Contract, 1);
        Assert.Equal(created.ToWord(), run.OutputWord());
        Assert.Null(harness.World.Account(created));
        Assert.Equal(new UInt256(5), harness.World.Account(EvmHarness.Third)!.Value.Balance);
    }

    [Theory]
    [InlineData("Shanghai", true)]
    [InlineData("Cancun", false)]
    public void Destructing_to_itself_burns_the_balance_only_when_the_account_goes(string fork, bool removed)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));

        (EvmHarness harness, Execution run) = DestructOther(spec, EvmHarness.Other);

        AccountRecord? after = harness.World.Account(EvmHarness.Other);
        if (removed) Assert.Null(after);
        else Assert.Equal(Funds, after!.Value.Balance);
        // The executing account is warm and alive: no surcharge either way.
        Assert.Equal(GasCostOf.VeryLow + GasCostOf.SelfDestructEip150, run.ExecutionGas);
    }

    [Fact]
    public void Berlin_still_refunds_24000_within_the_half_cap()
    {
        (_, Execution run) = DestructOther(Forks.Berlin, EvmHarness.Sender);

        long execution = GasCostOf.VeryLow + GasCostOf.SelfDestructEip150; // the sender is warm and exists
        long used = GasCostOf.Transaction + execution;
        Assert.Equal(GasCostOf.SelfDestructRefund, run.RefundCounter);
        Assert.Equal(used - Math.Min(GasCostOf.SelfDestructRefund, used / 2), run.Result.GasUsed);
    }

    [Fact]
    public void Frontier_selfdestruct_is_free()
    {
        (EvmHarness harness, Execution run) = DestructOther(Forks.Frontier, Missing);

        long used = GasCostOf.Transaction + GasCostOf.VeryLow;
        Assert.Equal(used - Math.Min(GasCostOf.SelfDestructRefund, used / 2), run.Result.GasUsed);
        Assert.Null(harness.World.Account(EvmHarness.Other));
        Assert.Equal(Funds, harness.World.Account(Missing)!.Value.Balance);
    }

    [Theory]
    [InlineData("TangerineWhistle", 0, GasCostOf.NewAccount)]   // any missing beneficiary is a new account
    [InlineData("SpuriousDragon", 0, 0)]                        // EIP-161: only when value goes to a dead one
    [InlineData("SpuriousDragon", 100, GasCostOf.NewAccount)]
    public void New_account_charge_for_the_beneficiary(string fork, int balance, long newAccount)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec).Deploy(EvmHarness.Other, new BytecodeBuilder().SelfDestruct(Missing), balance: (ulong)balance);

        Execution run = harness.Call(EvmHarness.Other, gasLimit: 100_000).Expect(EvmStatus.SelfDestruct);

        long execution = GasCostOf.VeryLow + GasCostOf.SelfDestructEip150 + newAccount;
        long used = GasCostOf.Transaction + execution;
        Assert.Equal(used - Math.Min(GasCostOf.SelfDestructRefund, used / 2), run.Result.GasUsed);
    }

    [Fact]
    public void Selfdestruct_in_a_static_call_fails_the_callee()
    {
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Other, new BytecodeBuilder().SelfDestruct(EvmHarness.Third), balance: Funds);
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(Funds, harness.World.Account(EvmHarness.Other)!.Value.Balance);
    }
}
