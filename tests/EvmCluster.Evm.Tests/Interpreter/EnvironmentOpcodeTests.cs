using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>ADDRESS, CALLER, ORIGIN, CALLVALUE, GASPRICE, CALLDATA*, CODE*: values and prices in the top-level frame.</summary>
public class EnvironmentOpcodeTests
{
    private static readonly byte[] CallData = [0x01, 0x02, 0x03, 0x04, 0x05];
    private static readonly UInt256 CallValue = 1234;

    private static Execution RunWithInput(BytecodeBuilder code) =>
        new EvmHarness(Forks.Cancun).Run(code, data: CallData, value: CallValue).Expect(EvmStatus.Return);

    [Theory]
    [InlineData(Opcode.Address)]
    [InlineData(Opcode.Caller)]
    [InlineData(Opcode.Origin)]
    [InlineData(Opcode.CallValue)]
    [InlineData(Opcode.CallDataSize)]
    [InlineData(Opcode.GasPrice)]
    [InlineData(Opcode.CodeSize)]
    public void Frame_property_costs_base_gas(Opcode op)
    {
        var code = new BytecodeBuilder().Op(op).ReturnTop();
        UInt256 expected = op switch
        {
            Opcode.Address => EvmHarness.Contract.ToWord(),
            Opcode.Caller or Opcode.Origin => EvmHarness.Sender.ToWord(),
            Opcode.CallValue => CallValue,
            Opcode.CallDataSize => (ulong)CallData.Length,
            Opcode.GasPrice => EvmHarness.DefaultGasPrice,
            _ => (ulong)code.Length,
        };

        Execution run = RunWithInput(code);

        Assert.Equal(expected, run.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Theory]
    [InlineData("0", "0x0102030405000000000000000000000000000000000000000000000000000000")]
    [InlineData("3", "0x0405000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("4", "0x0500000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("5", "0")]
    [InlineData("2^255", "0")]
    public void CallDataLoad_pads_past_the_end_with_zeros(string offset, string expected)
    {
        var code = new BytecodeBuilder().Push(Words.Parse(offset)).Op(Opcode.CallDataLoad).ReturnTop();

        Execution run = RunWithInput(code);

        Assert.Equal(Words.Parse(expected), run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(2) + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void CallDataCopy_copies_the_tail_and_zero_fills_the_rest()
    {
        // Copy 40 bytes from offset 2 to memory 0: bytes 03 04 05 then zeros; return 64 bytes.
        var code = new BytecodeBuilder().Push(40).Push(2).Push(0).Op(Opcode.CallDataCopy).Return(0, 64);

        Execution run = RunWithInput(code);

        byte[] expected = new byte[64];
        expected[0] = 0x03;
        expected[1] = 0x04;
        expected[2] = 0x05;
        Assert.Equal(expected, run.Output);
        long copy = ExpectedGas.VeryLow(4) + GasCostOf.Copy * ExpectedGas.Words(40) + ExpectedGas.Memory(2);
        Assert.Equal(copy + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Fact]
    public void CallDataCopy_of_nothing_at_a_huge_offset_costs_no_memory()
    {
        var code = new BytecodeBuilder().Push(0).Push(0).Push(Words.Pow2(128)).Op(Opcode.CallDataCopy).Op(Opcode.MSize).ReturnTop();

        Execution run = RunWithInput(code);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(4) + GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void CodeCopy_returns_the_running_code_padded_with_zeros()
    {
        const int extra = 10;
        // The copy length must cover the code itself plus 10 bytes; small lengths keep PUSH1, so the size is stable.
        byte[] Program(int length) => new BytecodeBuilder()
            .Push(length).Push(0).Push(0).Op(Opcode.CodeCopy).Return(0, length).ToArray();
        int codeLength = Program(0).Length;
        byte[] code = Program(codeLength + extra);
        Assert.Equal(codeLength, code.Length);

        Execution run = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Contract, code).Call(EvmHarness.Contract)
            .Expect(EvmStatus.Return);

        Assert.Equal([.. code, .. new byte[extra]], run.Output);
        long words = ExpectedGas.Words(codeLength + extra);
        long copy = ExpectedGas.VeryLow(4) + GasCostOf.Copy * words + ExpectedGas.Memory(words);
        Assert.Equal(copy + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    public static TheoryData<string, long> BalancePrices => new()
    {
        { "Frontier", GasCostOf.BalanceFrontier },
        { "TangerineWhistle", GasCostOf.BalanceEip150 },
        { "Istanbul", GasCostOf.BalanceEip1884 },
        { "Berlin", GasCostOf.ColdAccountAccess },
        { "Cancun", GasCostOf.ColdAccountAccess },
    };

    [Theory]
    [MemberData(nameof(BalancePrices))]
    public void Balance_of_another_account_at_the_fork_price(string fork, long price)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec);
        harness.World.SetBalance(EvmHarness.Other, 777);
        var code = new BytecodeBuilder().Push(EvmHarness.Other).Op(Opcode.Balance).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(777), run.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + price + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void SelfBalance_sees_the_value_just_received_and_exists_from_Istanbul()
    {
        var code = new BytecodeBuilder().Op(Opcode.SelfBalance).ReturnTop();
        var istanbul = new EvmHarness(Forks.Istanbul);
        istanbul.Deploy(EvmHarness.Contract, code, balance: 100);

        Execution run = istanbul.Call(EvmHarness.Contract, value: 23).Expect(EvmStatus.Return);
        Execution before = new EvmHarness(Forks.Petersburg).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(new UInt256(123), run.OutputWord());
        Assert.Equal(GasCostOf.SelfBalance + ExpectedGas.ReturnTop(), run.ExecutionGas);
        Assert.Equal(before.AvailableGas, before.ExecutionGas);
    }

    [Fact]
    public void Warm_coinbase_from_Shanghai_makes_its_balance_cheap()
    {
        var code = new BytecodeBuilder().Op(Opcode.Coinbase).Op(Opcode.Balance).ReturnTop();

        Execution paris = new EvmHarness(Forks.Paris).Run(code).Expect(EvmStatus.Return);
        Execution shanghai = new EvmHarness(Forks.Shanghai).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(GasCostOf.Base + GasCostOf.ColdAccountAccess + ExpectedGas.ReturnTop(), paris.ExecutionGas);
        Assert.Equal(GasCostOf.Base + GasCostOf.WarmStateRead + ExpectedGas.ReturnTop(), shanghai.ExecutionGas);
        Assert.Equal(UInt256.Zero, shanghai.OutputWord());
    }

    [Fact]
    public void Address_words_keep_only_the_low_20_bytes()
    {
        // BALANCE of a word with garbage above the address bits reads the same account.
        UInt256 dirty = EvmHarness.Other.ToWord() + Words.Pow2(200);
        var harness = new EvmHarness(Forks.Cancun);
        harness.World.SetBalance(EvmHarness.Other, 55);
        var code = new BytecodeBuilder().Push(dirty).Op(Opcode.Balance).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(55), run.OutputWord());
        Assert.Equal(Address.FromWord(dirty), EvmHarness.Other);
    }

    [Fact]
    public void GasPrice_of_a_fee_market_transaction_is_the_effective_price()
    {
        var harness = new EvmHarness(Forks.London).Deploy(EvmHarness.Contract, new BytecodeBuilder().Op(Opcode.GasPrice).ReturnTop());

        Execution run = harness.Send(new Transaction
        {
            Type = TxType.Eip1559,
            Nonce = harness.SenderNonce,
            MaxFeePerGas = 20,
            MaxPriorityFeePerGas = 2,
            GasLimit = EvmHarness.DefaultGasLimit,
            To = EvmHarness.Contract,
            Sender = EvmHarness.Sender,
        }).Expect(EvmStatus.Return);

        // min(fee cap 20, base fee 7 + tip 2) = 9
        Assert.Equal(EvmHarness.DefaultBaseFee + new UInt256(2), run.OutputWord());
    }
}
