using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using static EvmCluster.Execution.Tests.Parallel.ConflictContracts;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>Who receives the block's fees, which changes what reading or paying it conflicts with.</summary>
public enum CoinbaseKind
{
    /// <summary>A funded EOA that may also send transactions.</summary>
    FundedEoa,
    /// <summary>No account until the first fee arrives.</summary>
    Missing,
    /// <summary>An existing empty account: a zero fee touches it and EIP-161 deletes it.</summary>
    EmptyAccount,
    /// <summary>The busiest sender is also the fee recipient.</summary>
    HotSender,
    /// <summary>A contract with storage that transactions call and (before Cancun) destroy.</summary>
    Destructible,
}

/// <summary>The pre-state every conflict block runs on: senders, contracts, squatters and empty accounts.</summary>
public static class ConflictGenesis
{
    public static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    public const int SenderCount = 5;
    public const ulong TokenBalance = 1000;

    public static readonly Address[] Senders = [.. Enumerable.Range(0, SenderCount).Select(i => Address.FromLowBytes(0xA000_0000UL + (ulong)i))];
    public static readonly Address FeeEoa = Address.FromLowBytes(0xC0FFEE);
    /// <summary>Existing empty accounts: a zero-value call touches them away (EIP-161).</summary>
    public static readonly Address[] Empties = [Address.FromLowBytes(0xE0_0000), Address.FromLowBytes(0xE0_0001)];
    /// <summary>CREATE2 salt whose address holds a funded, code-less account with storage: creation collides (EIP-7610).</summary>
    public const ulong SquattedSalt = 3;
    /// <summary>CREATE2 salt whose address holds an empty account with storage: touching it away frees the address.</summary>
    public const ulong EmptySquattedSalt = 2;

    public static Address CoinbaseFor(CoinbaseKind kind) => kind switch
    {
        CoinbaseKind.HotSender => Senders[0],
        CoinbaseKind.Destructible => Destructibles[0],
        _ => FeeEoa,
    };

    /// <summary>A fresh account: not in the genesis.</summary>
    public static Address Fresh(int k) => Address.FromLowBytes(0xF000_0000UL + (ulong)k);

    public static InMemoryState Create(CoinbaseKind coinbase)
    {
        var state = new InMemoryState();
        var tokenBalances = new List<KeyValuePair<UInt256, UInt256>>();
        foreach (Address sender in Senders)
        {
            state.SetAccount(sender, 0, Ether * 100, [], []);
            tokenBalances.Add(new(sender.ToWord(), TokenBalance));
        }
        switch (coinbase)
        {
            case CoinbaseKind.FundedEoa: state.SetAccount(FeeEoa, 3, Ether, [], []); break;
            case CoinbaseKind.EmptyAccount: state.SetAccount(FeeEoa, 0, UInt256.Zero, [], []); break;
        }
        foreach (Address empty in Empties) state.SetAccount(empty, 0, UInt256.Zero, [], []);

        Contract(state, Counter, CounterCode, Slot(0, 100));
        Contract(state, Token, TokenCode, [.. tokenBalances]);
        Contract(state, Reader, ReaderCode);
        Contract(state, Factory, FactoryCode, Slot(7, 1));
        Contract(state, Reverter, ReverterCode);
        Contract(state, Capped, CappedCode);
        Contract(state, Burner, BurnerCode);
        Contract(state, ConflictContracts.Transient, TransientCode, Slot(1, 9));
        Contract(state, BeaconRoots, BeaconCode);
        Contract(state, Recursor, RecursorCode);
        foreach (Address d in Destructibles)
            state.SetAccount(d, 1, new UInt256(1_000_000_000_000_000UL), DestructibleCode, [Slot(1, 42)]);

        state.SetAccount(Create2Child(SquattedSalt), 0, new UInt256(5), [], [Slot(9, 9)]);
        state.SetAccount(Create2Child(EmptySquattedSalt), 0, UInt256.Zero, [], [Slot(9, 9)]);
        return state;
    }

    private static void Contract(InMemoryState state, Address address, byte[] code, params KeyValuePair<UInt256, UInt256>[] storage) =>
        state.SetAccount(address, 1, new UInt256(1000), code, storage);

    private static KeyValuePair<UInt256, UInt256> Slot(ulong slot, ulong value) => new(slot, value);
}
