using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>
/// What creation refuses: init code over 49,152 bytes (EIP-3860), code over 24,576 bytes (EIP-170), code starting
/// with 0xEF (EIP-3541), an address already in use; and Frontier's tolerance of unaffordable code deposit.
/// </summary>
public class CreateLimitsTests
{
    /// <summary>Init code that returns <paramref name="length"/> bytes of memory, first byte <paramref name="firstByte"/>.</summary>
    private static byte[] InitReturning(int length, byte firstByte = 0)
    {
        var b = new BytecodeBuilder();
        if (firstByte != 0) b.MStore8(0, firstByte);
        return b.Return(0, length).ToArray();
    }

    [Theory]
    [InlineData("Shanghai", ReleaseSpec.MaxInitCodeSize, EvmStatus.Return)]
    [InlineData("Shanghai", ReleaseSpec.MaxInitCodeSize + 1, EvmStatus.OutOfGas)]
    [InlineData("Paris", ReleaseSpec.MaxInitCodeSize + 1, EvmStatus.Return)]
    public void Create_opcode_init_code_limit(string fork, int length, EvmStatus status)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        // Init code of zeros: STOP at once, creating an empty contract.
        var code = new BytecodeBuilder().Create(0, 0, length).ReturnTop();

        Execution run = new EvmHarness(spec).Run(code, gasLimit: 2_000_000).Expect(status);

        if (status == EvmStatus.OutOfGas)
        {
            Assert.Equal(run.AvailableGas, run.ExecutionGas);
            return;
        }
        Assert.Equal(ExpectedAddress.OfCreate(EvmHarness.Contract, 1).ToWord(), run.OutputWord());
        long words = ExpectedGas.Words(length);
        long wordPrice = spec.IsEip3860Enabled ? GasCostOf.InitCodeWord : 0;
        long expected = ExpectedGas.VeryLow(3) + GasCostOf.Create + wordPrice * words + ExpectedGas.Memory(words)
            + ExpectedGas.ReturnTop(words);
        Assert.Equal(expected, run.ExecutionGas);
    }

    [Fact]
    public void Creation_transaction_with_oversized_init_code_is_invalid_from_Shanghai()
    {
        byte[] init = new byte[ReleaseSpec.MaxInitCodeSize + 1];

        Execution shanghai = new EvmHarness(Forks.Shanghai).Create(init, gasLimit: 2_000_000);
        Execution paris = new EvmHarness(Forks.Paris).Create(init, gasLimit: 2_000_000);

        Assert.Equal(TransactionError.InitCodeTooLarge, shanghai.Result.Error);
        Assert.True(paris.Result.IsValid);
        Assert.Equal(GasCostOf.Transaction + GasCostOf.TxCreate + init.Length * GasCostOf.TxDataZero, paris.IntrinsicGas);
        long words = ExpectedGas.Words(init.Length);
        Assert.Equal(paris.IntrinsicGas + GasCostOf.InitCodeWord * words, IntrinsicGas.Calculate(
            new Transaction { To = null, Data = init, Sender = EvmHarness.Sender }, Forks.Shanghai));
    }

    [Theory]
    [InlineData("SpuriousDragon", ReleaseSpec.MaxCodeSize, EvmStatus.Return)]
    [InlineData("SpuriousDragon", ReleaseSpec.MaxCodeSize + 1, EvmStatus.InvalidCode)]
    [InlineData("TangerineWhistle", ReleaseSpec.MaxCodeSize + 1, EvmStatus.Return)]
    public void Deployed_code_size_limit(string fork, int length, EvmStatus status)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        byte[] init = InitReturning(length);
        var harness = new EvmHarness(spec);

        Execution run = harness.Create(init, gasLimit: 6_000_000).Expect(status);

        Address address = ExpectedAddress.OfCreate(EvmHarness.Sender, 0);
        if (status == EvmStatus.InvalidCode)
        {
            Assert.Null(run.Result.ContractAddress);
            Assert.Equal(run.AvailableGas, run.ExecutionGas);
            Assert.Null(harness.World.Account(address));
            return;
        }
        Assert.Equal(address, run.Result.ContractAddress);
        Assert.Equal(length, harness.World.CodeAt(address).Length);
        long words = ExpectedGas.Words(length);
        Assert.Equal(ExpectedGas.VeryLow(2) + ExpectedGas.Memory(words) + GasCostOf.CodeDeposit * length, run.ExecutionGas);
    }

    [Theory]
    [InlineData("London", 0xEF, EvmStatus.InvalidCode)]
    [InlineData("Berlin", 0xEF, EvmStatus.Return)]
    [InlineData("London", 0xFE, EvmStatus.Return)]
    public void Code_starting_with_0xEF_is_rejected_from_London(string fork, byte firstByte, EvmStatus status)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        var harness = new EvmHarness(spec);

        Execution run = harness.Create(InitReturning(1, firstByte)).Expect(status);

        Address address = ExpectedAddress.OfCreate(EvmHarness.Sender, 0);
        if (status == EvmStatus.InvalidCode)
        {
            Assert.Equal(run.AvailableGas, run.ExecutionGas);
            Assert.Null(harness.World.Account(address));
        }
        else
        {
            Assert.Equal(new[] { firstByte }, harness.World.CodeAt(address));
        }
    }

    [Fact]
    public void Create2_to_an_address_in_use_fails_and_burns_the_gas_it_passed_on()
    {
        byte[] init = BytecodeBuilder.InitCodeFor([0x00]);
        long initWords = ExpectedGas.Words(init.Length);
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().StoreInMemory(0, init)
            .Create2(0, 0, init.Length, 9).Op(Opcode.Pop)
            .Create2(0, 0, init.Length, 9).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(3UL, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
        long store = initWords * ExpectedGas.VeryLow(3) + ExpectedGas.Memory(initWords);
        long create2Charge = ExpectedGas.VeryLow(4) + GasCostOf.Create + (GasCostOf.InitCodeWord + GasCostOf.Keccak256Word) * initWords;
        long first = create2Charge + ExpectedGas.InitCodePrefix(1) + GasCostOf.CodeDeposit + GasCostOf.Base;
        long leftForSecond = run.AvailableGas - store - first - create2Charge;
        long burnt = ExpectedGas.AllButOne64th(leftForSecond);
        Assert.Equal(store + first + create2Charge + burnt + ExpectedGas.ReturnTop(initWords), run.ExecutionGas);
    }

    [Theory]
    [InlineData(1UL, false)]  // a nonce
    [InlineData(0UL, true)]   // storage only (EIP-7610)
    public void Creation_transaction_onto_an_address_in_use_consumes_all_gas(ulong nonce, bool withStorage)
    {
        var harness = new EvmHarness(Forks.Cancun);
        Address target = ExpectedAddress.OfCreate(EvmHarness.Sender, 0);
        harness.World.SetAccount(target, AccountRecord.Empty with { Nonce = nonce, Balance = 5 });
        if (withStorage) harness.World.SetStorage(target, 1, 1);

        Execution run = harness.Create(BytecodeBuilder.InitCodeFor([0x00]));

        Assert.True(run.Result.IsValid);
        Assert.False(run.Result.Succeeded);
        Assert.Null(run.Result.ContractAddress);
        Assert.Equal(run.AvailableGas, run.ExecutionGas);
        Assert.Equal(1UL, harness.SenderNonce);
        Assert.Empty(harness.World.CodeAt(target));
    }

    [Fact]
    public void Frontier_keeps_the_account_but_drops_code_whose_deposit_it_cannot_afford()
    {
        byte[] runtime = [0x60, 0x00];
        byte[] init = BytecodeBuilder.InitCodeFor(runtime);
        long intrinsic = GasCostOf.Transaction + init.Sum(b => b == 0 ? GasCostOf.TxDataZero : GasCostOf.TxDataNonZeroFrontier);
        long initGas = ExpectedGas.InitCodePrefix(runtime.Length);
        ulong gasLimit = (ulong)(intrinsic + initGas + GasCostOf.CodeDeposit * runtime.Length - 1);
        Address address = ExpectedAddress.OfCreate(EvmHarness.Sender, 0);

        var frontier = new EvmHarness(Forks.Frontier);
        Execution kept = frontier.Create(init, gasLimit: gasLimit).Expect(EvmStatus.Return);
        Execution homestead = new EvmHarness(Forks.Homestead).Create(init, gasLimit: gasLimit + GasCostOf.TxCreate)
            .Expect(EvmStatus.OutOfGas);

        Assert.Equal(intrinsic, kept.IntrinsicGas);
        Assert.Equal(initGas, kept.ExecutionGas);
        Assert.Equal(address, kept.Result.ContractAddress);
        Assert.NotNull(frontier.World.Account(address));
        Assert.Empty(frontier.World.CodeAt(address));
        Assert.Equal(homestead.AvailableGas, homestead.ExecutionGas);
    }
}
