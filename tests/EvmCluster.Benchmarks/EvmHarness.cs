using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.State;

namespace EvmCluster.Benchmarks;

/// <summary>Runs one transaction against a fixed pre-state, fresh each time, so every iteration does identical work.</summary>
public sealed class EvmHarness
{
    public static readonly Address Sender = Address.FromLowBytes(0xA11CE);
    public static readonly Address Contract = Address.FromLowBytes(0xC0DE);

    private readonly TransactionProcessor _processor = new();
    private readonly TransactionState _state;
    private readonly BlockContext _block;
    public InMemoryState Pre { get; }

    public EvmHarness(InMemoryState pre, ReleaseSpec? spec = null)
    {
        Pre = pre;
        _state = new TransactionState(pre);
        _block = new BlockContext
        {
            Spec = spec ?? Forks.Cancun, Coinbase = Address.FromLowBytes(0xC0FFE), Number = 1, Timestamp = 1,
            GasLimit = long.MaxValue / 2, BaseFee = 1, ChainId = 1,
        };
    }

    /// <summary>A state with a rich sender and <paramref name="code"/> deployed at <see cref="Contract"/>.</summary>
    public static EvmHarness WithContract(byte[] code, params (Address Address, byte[] Code)[] others)
    {
        var state = new InMemoryState();
        state.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000000"), [], []);
        state.SetAccount(Contract, 1, UInt256.Zero, code, []);
        foreach (var (address, c) in others) state.SetAccount(address, 1, UInt256.Zero, c, []);
        return new EvmHarness(state);
    }

    public TransactionResult Run(Transaction tx)
    {
        _state.Reset(Pre);
        return _processor.Execute(tx, _block, _state);
    }

    public static Transaction Call(Address from, Address to, byte[] data, ulong gas = 30_000_000, ulong nonce = 0) => new()
    {
        Type = TxType.Eip1559, Sender = from, To = to, Data = data, GasLimit = gas, Nonce = nonce,
        MaxFeePerGas = 1, MaxPriorityFeePerGas = 0, ChainId = 1,
    };
}
