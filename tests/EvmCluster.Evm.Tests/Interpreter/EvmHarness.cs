using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>
/// One fork's test chain: a <see cref="TestWorld"/> pre-state with a funded sender, a block, and
/// helpers that deploy code and send transactions through <see cref="TransactionProcessor"/>.
/// Each valid transaction's write set is applied to the world, so transactions can follow each other.
/// </summary>
public sealed class EvmHarness
{
    public static readonly Address Sender = Address.FromLowBytes(0xA11CE);
    public static readonly Address Contract = Address.FromLowBytes(0xC0DE);
    public static readonly Address Other = Address.FromLowBytes(0xB0B);
    public static readonly Address Third = Address.FromLowBytes(0xCA7);
    public static readonly Address Coinbase = Address.FromLowBytes(0xC014BA5E);

    public const ulong DefaultGasLimit = 1_000_000;
    public static readonly UInt256 DefaultGasPrice = 10;
    public static readonly UInt256 DefaultBaseFee = 7;
    public static readonly UInt256 SenderBalance = UInt256.Parse("1000000000000000000000000000000");
    public static readonly Hash256 DefaultPrevRandao = Hash256.Parse("0x" + string.Concat(Enumerable.Repeat("5a", 32)));
    public static readonly UInt256 DefaultDifficulty = 131_072;
    public const long DefaultBlockNumber = 1_000;
    public const ulong DefaultTimestamp = 1_700_000_000;
    public const long DefaultBlockGasLimit = 30_000_000;

    public EvmHarness(ReleaseSpec spec)
    {
        Spec = spec;
        Block = DefaultBlock(spec);
        World.SetBalance(Sender, SenderBalance);
    }

    public ReleaseSpec Spec { get; }
    public TestWorld World { get; } = new();
    public BlockContext Block { get; set; }

    public ulong SenderNonce => World.Account(Sender)?.Nonce ?? 0;

    /// <summary>The harness's block for <paramref name="spec"/>; the optional values replace the defaults.</summary>
    public static BlockContext DefaultBlock(ReleaseSpec spec, long gasLimit = DefaultBlockGasLimit, UInt256? chainId = null,
        UInt256? blobBaseFee = null, IBlockHashSource? blockHashes = null) => new()
    {
        Spec = spec,
        Coinbase = Coinbase,
        Number = DefaultBlockNumber,
        Timestamp = DefaultTimestamp,
        GasLimit = gasLimit,
        BaseFee = spec.IsEip1559Enabled ? DefaultBaseFee : UInt256.Zero,
        Difficulty = DefaultDifficulty,
        PrevRandao = DefaultPrevRandao,
        ChainId = chainId ?? UInt256.One,
        BlobBaseFee = blobBaseFee ?? UInt256.One,
        BlockHashes = blockHashes,
    };

    public EvmHarness Deploy(Address address, byte[] code, UInt256 balance = default)
    {
        World.SetCode(address, code, balance);
        return this;
    }

    public EvmHarness Deploy(Address address, BytecodeBuilder code, UInt256 balance = default) => Deploy(address, code.ToArray(), balance);

    /// <summary>Deploys <paramref name="code"/> at <see cref="Contract"/> and calls it.</summary>
    public Execution Run(BytecodeBuilder code, byte[]? data = null, UInt256 value = default, ulong gasLimit = DefaultGasLimit) =>
        Deploy(Contract, code).Call(Contract, data, value, gasLimit);

    public Execution Call(Address to, byte[]? data = null, UInt256 value = default, ulong gasLimit = DefaultGasLimit,
        AccessListItem[]? accessList = null) =>
        Send(new Transaction
        {
            Type = accessList is null ? TxType.Legacy : TxType.AccessList,
            Nonce = SenderNonce,
            GasPrice = DefaultGasPrice,
            GasLimit = gasLimit,
            To = to,
            Value = value,
            Data = data ?? [],
            AccessList = accessList ?? [],
            Sender = Sender,
        });

    /// <summary>A contract-creation transaction with <paramref name="initCode"/>.</summary>
    public Execution Create(byte[] initCode, UInt256 value = default, ulong gasLimit = DefaultGasLimit) =>
        Send(new Transaction
        {
            Nonce = SenderNonce,
            GasPrice = DefaultGasPrice,
            GasLimit = gasLimit,
            To = null,
            Value = value,
            Data = initCode,
            Sender = Sender,
        });

    /// <summary>Executes <paramref name="tx"/> on a large-stack thread and applies its write set when it is valid.</summary>
    public Execution Send(Transaction tx)
    {
        ReleaseSpec spec = Block.Spec;
        long intrinsic = IntrinsicGas.Calculate(tx, spec);
        var state = new TransactionState(World);
        BlockContext block = Block;
        TransactionResult result = LargeStackThread.Run(() => new TransactionProcessor().Execute(tx, block, state));
        var changes = new StateChanges();
        if (result.IsValid)
        {
            state.Finish(spec.ClearEmptyAccounts, changes);
            World.Apply(changes);
        }
        return new Execution(result, intrinsic, tx.GasLimit, state, changes);
    }
}

/// <summary>What one transaction did, with the gas its execution used (total minus intrinsic) and its state.</summary>
public sealed class Execution(TransactionResult result, long intrinsicGas, ulong gasLimit, TransactionState state, StateChanges changes)
{
    public TransactionResult Result { get; } = result;
    public long IntrinsicGas { get; } = intrinsicGas;
    public ulong GasLimit { get; } = gasLimit;
    /// <summary>The transaction's journaled state after execution (reads through to the pre-state).</summary>
    public TransactionState State { get; } = state;
    public StateChanges Changes { get; } = changes;

    public EvmStatus Status => Result.Status;
    public byte[] Output => Result.Output;
    /// <summary>Gas charged after refunds, minus intrinsic gas: what the code cost when nothing was refunded.</summary>
    public long ExecutionGas => Result.GasUsed - IntrinsicGas;
    /// <summary>Gas the code started with.</summary>
    public long AvailableGas => (long)GasLimit - IntrinsicGas;
    /// <summary>The refund counter at the end of the transaction (before the cap).</summary>
    public long RefundCounter => State.Refund;

    public UInt256 OutputWord(int index = 0)
    {
        Assert.True(Output.Length >= 32 * (index + 1), $"output has {Output.Length} bytes, word {index} wanted");
        return new UInt256(Output.AsSpan(32 * index, 32));
    }

    public UInt256 Storage(Address address, UInt256 slot) => State.GetStorage(new StorageCell(address, in slot));

    public AccountWrite? AccountWriteFor(Address address) =>
        Changes.Accounts.Where(w => w.Address == address).Select(w => (AccountWrite?)w).FirstOrDefault();

    /// <summary>Asserts the transaction was valid and ended with <paramref name="status"/>.</summary>
    public Execution Expect(EvmStatus status)
    {
        Assert.True(Result.IsValid, $"transaction invalid: {Result.Error} {Result.ErrorDetail}");
        Assert.Equal(status, Status);
        return this;
    }
}
