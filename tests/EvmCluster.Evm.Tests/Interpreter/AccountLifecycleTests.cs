using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>Accounts around calls and creation: EIP-161 cleanup of touched empty accounts, large creator nonces, code during init.</summary>
public class AccountLifecycleTests
{
    [Theory]
    [InlineData("TangerineWhistle", false)]
    [InlineData("SpuriousDragon", true)]
    [InlineData("Cancun", true)]
    public void A_zero_value_call_touches_an_empty_account_which_EIP_161_removes(string fork, bool removed)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec);
        harness.World.SetAccount(EvmHarness.Other, AccountRecord.Empty);
        var code = new BytecodeBuilder().Call(10_000, EvmHarness.Other, 0, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.One, run.OutputWord());
        Assert.Equal(removed, harness.World.Account(EvmHarness.Other) is null);
        if (removed) Assert.Equal(AccountDeletion.Emptied, run.AccountWriteFor(EvmHarness.Other)!.Value.Deletion);
    }

    [Theory]
    [InlineData(0x7FUL)]
    [InlineData(0x80UL)]
    [InlineData(0xFFUL)]
    [InlineData(0x100UL)]
    [InlineData(0xFFFFFFUL)]
    [InlineData(0x0102030405060708UL)]
    public void Create_address_uses_the_rlp_of_large_nonces(ulong nonce)
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.World.SetCode(EvmHarness.Contract, new BytecodeBuilder().Create(0, 0, 0).ReturnTop().ToArray(), nonce: nonce);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Address expected = ExpectedAddress.OfCreate(EvmHarness.Contract, nonce);
        Assert.Equal(expected.ToWord(), run.OutputWord());
        Assert.Equal(expected, ContractAddress.From(EvmHarness.Contract, nonce));
        Assert.Equal(nonce + 1, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
    }

    [Fact]
    public void A_creator_at_the_maximum_nonce_cannot_create()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.World.SetCode(EvmHarness.Contract, new BytecodeBuilder().Create(0, 0, 0).ReturnTop().ToArray(), nonce: ulong.MaxValue);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(ulong.MaxValue, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
    }

    [Fact]
    public void Init_code_runs_as_the_new_account_without_code_of_its_own()
    {
        // During init: CODESIZE is the init code, EXTCODESIZE(ADDRESS) is still 0, CALLER is the creator.
        byte[] init = new BytecodeBuilder()
            .Op(Opcode.CodeSize).MStore(0)
            .Op(Opcode.Address).Op(Opcode.ExtCodeSize).MStore(32)
            .Op(Opcode.Caller).MStore(64)
            .Revert(0, 96)   // hand the three words back as revert data
            .ToArray();
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().StoreInMemory(0, init).Create(0, 0, init.Length).Op(Opcode.Pop)
            .Push(96).Push(0).Push(0).Op(Opcode.ReturnDataCopy).Return(0, 96);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256((ulong)init.Length), run.OutputWord(0));
        Assert.Equal(UInt256.Zero, run.OutputWord(1));
        Assert.Equal(EvmHarness.Contract.ToWord(), run.OutputWord(2));
    }

    [Fact]
    public void Selfdestructing_twice_refunds_once_before_London()
    {
        var harness = new EvmHarness(Forks.Berlin);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().SelfDestruct(EvmHarness.Sender));
        var code = new BytecodeBuilder()
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop);

        Execution run = harness.Run(code).Expect(EvmStatus.Stop);

        Assert.Equal(GasCostOf.SelfDestructRefund, run.RefundCounter);
        Assert.Null(harness.World.Account(EvmHarness.Other));
    }

    [Fact]
    public void A_transaction_value_transfer_moves_balance_and_pays_the_fee()
    {
        var harness = new EvmHarness(Forks.London);

        Execution run = harness.Call(EvmHarness.Other, value: 1_000).Expect(EvmStatus.Stop);

        Assert.Equal(GasCostOf.Transaction, run.Result.GasUsed);
        Assert.Equal(new UInt256(1_000), harness.World.Account(EvmHarness.Other)!.Value.Balance);
        UInt256 fee = new UInt256((ulong)GasCostOf.Transaction) * EvmHarness.DefaultGasPrice;
        Assert.Equal(EvmHarness.SenderBalance - fee - new UInt256(1_000), harness.World.Account(EvmHarness.Sender)!.Value.Balance);
        UInt256 tip = EvmHarness.DefaultGasPrice - EvmHarness.DefaultBaseFee;
        Assert.Equal(new UInt256((ulong)GasCostOf.Transaction) * tip, harness.World.Account(EvmHarness.Coinbase)!.Value.Balance);
    }
}
