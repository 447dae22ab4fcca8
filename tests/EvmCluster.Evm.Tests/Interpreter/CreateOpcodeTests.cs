using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>CREATE and CREATE2: addresses, nonces, prices (init-code words, hashing, code deposit), value and failures.</summary>
public class CreateOpcodeTests
{
    private static readonly byte[] Runtime = [0x60, 0x2A, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xF3];
    private static readonly byte[] InitCode = BytecodeBuilder.InitCodeFor(Runtime);
    private static readonly long InitWords = ExpectedGas.Words(InitCode.Length);
    /// <summary>The child's execution: the init-code prefix, then 200 gas per deployed byte.</summary>
    private static readonly long ChildGas = ExpectedGas.InitCodePrefix(Runtime.Length) + GasCostOf.CodeDeposit * Runtime.Length;
    /// <summary>Putting the init code in memory: one PUSH32/PUSH1/MSTORE per word.</summary>
    private static readonly long StoreInitCode = InitWords * ExpectedGas.VeryLow(3) + ExpectedGas.Memory(InitWords);

    [Theory]
    [InlineData("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", 0, "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d")]
    [InlineData("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", 1, "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8")]
    [InlineData("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", 2, "0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91")]
    public void Create_address_derivation_matches_known_vectors(string sender, ulong nonce, string expected)
    {
        Assert.Equal(Address.Parse(expected), ExpectedAddress.OfCreate(Address.Parse(sender), nonce));
        Assert.Equal(Address.Parse(expected), ContractAddress.From(Address.Parse(sender), nonce));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000", "0x00", "0x00", "0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38")]
    [InlineData("0x00000000000000000000000000000000deadbeef", "0xcafebabe", "0xdeadbeef", "0x60f3f640a8508fc6a86d45df051962668e1e8ac7")]
    public void Create2_address_derivation_matches_the_eip_examples(string sender, string salt, string initCode, string expected)
    {
        byte[] init = Hex.Decode(initCode);
        Assert.Equal(Address.Parse(expected), ExpectedAddress.OfCreate2(Address.Parse(sender), Words.Hex(salt), init));
        Assert.Equal(Address.Parse(expected), ContractAddress.From(Address.Parse(sender), Words.Hex(salt), init));
    }

    [Fact]
    public void Create_deploys_at_the_sender_nonce_address_and_bumps_the_nonce()
    {
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().StoreInMemory(0, InitCode).Create(0, 0, InitCode.Length).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Address created = ExpectedAddress.OfCreate(EvmHarness.Contract, 1);
        Assert.Equal(created.ToWord(), run.OutputWord());
        Assert.Equal(Runtime, harness.World.CodeAt(created));
        Assert.Equal(1UL, harness.World.Account(created)!.Value.Nonce);
        Assert.Equal(2UL, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
        Assert.Equal(Runtime, run.Changes.NewCode[Keccak256.Compute(Runtime)]);
        long create = ExpectedGas.VeryLow(3) + GasCostOf.Create + GasCostOf.InitCodeWord * InitWords + ChildGas;
        Assert.Equal(StoreInitCode + create + ExpectedGas.ReturnTop(InitWords), run.ExecutionGas);
    }

    [Fact]
    public void Create2_deploys_at_the_salted_address_and_pays_for_hashing_the_init_code()
    {
        var harness = new EvmHarness(Forks.Cancun);
        UInt256 salt = Words.Hex("0x5a17");
        var code = new BytecodeBuilder().StoreInMemory(0, InitCode).Create2(0, 0, InitCode.Length, salt).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Address created = ExpectedAddress.OfCreate2(EvmHarness.Contract, salt, InitCode);
        Assert.Equal(created.ToWord(), run.OutputWord());
        Assert.Equal(Runtime, harness.World.CodeAt(created));
        Assert.Equal(2UL, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
        long perWord = GasCostOf.InitCodeWord + GasCostOf.Keccak256Word;
        long create = ExpectedGas.VeryLow(4) + GasCostOf.Create + perWord * InitWords + ChildGas;
        Assert.Equal(StoreInitCode + create + ExpectedGas.ReturnTop(InitWords), run.ExecutionGas);
    }

    [Fact]
    public void Before_Shanghai_create_has_no_init_code_word_price()
    {
        var code = new BytecodeBuilder().StoreInMemory(0, InitCode).Create(0, 0, InitCode.Length).ReturnTop();

        Execution run = new EvmHarness(Forks.Paris).Run(code).Expect(EvmStatus.Return);

        long create = ExpectedGas.VeryLow(3) + GasCostOf.Create + ChildGas;
        Assert.Equal(StoreInitCode + create + ExpectedGas.ReturnTop(InitWords), run.ExecutionGas);
    }

    [Fact]
    public void Create2_does_not_exist_before_Constantinople()
    {
        var code = new BytecodeBuilder().StoreInMemory(0, InitCode).Create2(0, 0, InitCode.Length, 1);

        Execution run = new EvmHarness(Forks.Byzantium).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }

    [Fact]
    public void Create_with_value_funds_the_new_contract()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Contract, new BytecodeBuilder().StoreInMemory(0, InitCode).Create(7, 0, InitCode.Length).ReturnTop(), balance: 10);

        Execution run = harness.Call(EvmHarness.Contract).Expect(EvmStatus.Return);

        Address created = ExpectedAddress.OfCreate(EvmHarness.Contract, 1);
        Assert.Equal(created.ToWord(), run.OutputWord());
        Assert.Equal(new UInt256(7), harness.World.Account(created)!.Value.Balance);
        Assert.Equal(new UInt256(3), harness.World.Account(EvmHarness.Contract)!.Value.Balance);
    }

    [Fact]
    public void Create_with_more_value_than_the_balance_fails_without_bumping_the_nonce()
    {
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().StoreInMemory(0, InitCode).Create(1, 0, InitCode.Length).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(1UL, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
        long create = ExpectedGas.VeryLow(3) + GasCostOf.Create + GasCostOf.InitCodeWord * InitWords;
        Assert.Equal(StoreInitCode + create + ExpectedGas.ReturnTop(InitWords), run.ExecutionGas);
    }

    [Fact]
    public void Reverting_init_code_yields_zero_keeps_the_nonce_bump_and_exposes_the_revert_data()
    {
        byte[] init = new BytecodeBuilder().MStore(0, 0x77).Revert(31, 1).ToArray();
        var harness = new EvmHarness(Forks.Cancun);
        var code = new BytecodeBuilder().StoreInMemory(0, init).Create(0, 0, init.Length).MStore(0)
            .Push(1).Push(0).Push(32).Op(Opcode.ReturnDataCopy).Return(0, 33);

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new byte[32].Append((byte)0x77), run.Output);
        Assert.Equal(2UL, harness.World.Account(EvmHarness.Contract)!.Value.Nonce);
        Assert.Null(harness.World.Account(ExpectedAddress.OfCreate(EvmHarness.Contract, 1)));
    }

    [Fact]
    public void Create_in_a_static_call_fails_the_callee()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().Create(0, 0, 0).ReturnTop());
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Equal(1UL, harness.World.Account(EvmHarness.Other)!.Value.Nonce);
    }

    [Fact]
    public void Contract_creation_transaction_deploys_the_returned_code()
    {
        var harness = new EvmHarness(Forks.Cancun);

        Execution run = harness.Create(InitCode).Expect(EvmStatus.Return);

        Address expected = ExpectedAddress.OfCreate(EvmHarness.Sender, 0);
        Assert.Equal(expected, run.Result.ContractAddress);
        Assert.Equal(Runtime, harness.World.CodeAt(expected));
        long nonZero = InitCode.Count(b => b != 0), zero = InitCode.Length - nonZero;
        long intrinsic = GasCostOf.Transaction + GasCostOf.TxCreate + zero * GasCostOf.TxDataZero
            + nonZero * GasCostOf.TxDataNonZeroEip2028 + GasCostOf.InitCodeWord * InitWords;
        Assert.Equal(intrinsic, run.IntrinsicGas);
        Assert.Equal(ChildGas, run.ExecutionGas);
    }

    [Theory]
    [InlineData("Homestead")]
    [InlineData("Cancun")]
    public void Create_passes_all_remaining_gas_before_Eip150_and_all_but_a_64th_after(string fork)
    {
        Assert.True(Forks.TryGet(fork, out ReleaseSpec spec));
        // The init code stores the gas it starts with (minus GAS's own 2) in the new contract's slot 0.
        byte[] init = new BytecodeBuilder().Op(Opcode.Gas).SStore(0).ToArray();
        var harness = new EvmHarness(spec);
        var code = new BytecodeBuilder().StoreInMemory(0, init).Create(0, 0, init.Length).Op(Opcode.Pop);

        Execution run = harness.Run(code).Expect(EvmStatus.Stop);

        long words = ExpectedGas.Words(init.Length);
        long wordPrice = spec.IsEip3860Enabled ? GasCostOf.InitCodeWord : 0;
        long left = run.AvailableGas - (words * ExpectedGas.VeryLow(3) + ExpectedGas.Memory(words))
            - ExpectedGas.VeryLow(3) - GasCostOf.Create - wordPrice * words;
        long passed = spec.IsEip150Enabled ? ExpectedGas.AllButOne64th(left) : left;
        Address created = ExpectedAddress.OfCreate(EvmHarness.Contract, 1);
        Assert.Equal(new UInt256((ulong)(passed - GasCostOf.Base)), harness.World.Storage(created, 0));
    }
}
