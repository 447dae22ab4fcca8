using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>What one generated transaction does; the builder turns it into a transaction with the right nonce.</summary>
public enum OpKind
{
    Increment,              // counter: hot slot 0 mostly
    TokenTransfer,          // token: hot balance of sender 0; too large an amount reverts
    Transfer,               // value between senders
    TransferToFresh,        // value (or zero) to an account not in the genesis
    FundFresh,              // funds a fresh account that later transactions send from
    SpendFunded,            // a funded fresh account calls the counter (valid only after its funding)
    ZeroValueCall,          // touches empties, squatters, precompiles, contracts
    ReadBalance,            // reader: balance, code hash, size of the coinbase or another hot account
    PayCoinbase,            // value to the fee recipient
    CoinbaseSends,          // the fee recipient sends
    FactoryCreate,          // factory CREATE
    FactoryCreate2,         // factory CREATE2 with a small salt (collisions, squatters)
    FactoryCreateDestroy,   // factory creates a contract and calls its SELFDESTRUCT in the same transaction
    PlainCreate,            // a create transaction
    CallCreated,            // calls an address created (or to be created) in the block; one byte of calldata self-destructs it
    PrefundPredicted,       // value to an address before it is created there
    RevertAfterCall,        // reverter: a call that changes state, then REVERT
    CappedCall,             // inner call with little gas (inner out-of-gas, outer succeeds)
    OutOfGas,               // burner, or a counter call with too little gas
    CreateAndDestroy,       // create transaction whose init code self-destructs
    DestroyOld,             // SELFDESTRUCT of a genesis contract (Cancun: only moves the balance)
    Transient,              // TSTORE/TLOAD with a nested frame
    BeaconPoke,             // overwrites the slot the EIP-4788 system call wrote
    Blob,                   // type-3 transaction calling the counter (Cancun)
    Metamorphic,            // three transactions: CREATE2 a child, make it self-destruct, CREATE2 it again
    Drain,                  // sends 60 ether: a second drain of the same sender is short of funds
    Deep,                   // recursion hundreds of frames deep
}

/// <summary>A transaction that makes the block invalid, placed at <see cref="BlockCase.InvalidAt"/>.</summary>
public enum InvalidKind
{
    None,
    NonceGap,
    NonceReuse,
    GasOverBlock,
    Unfunded,
}

public readonly record struct TxOp(OpKind Kind, int Sender, int A, int B, int Tip)
{
    public override string ToString() => $"{Kind}(s{Sender},{A},{B},t{Tip})";
}

/// <summary>
/// Executor settings a case runs with: the thread count rotates; lookahead and the conflict bound vary;
/// a jitter above zero spins up to that many microseconds after each speculation, so workers interleave.
/// </summary>
public readonly record struct Knobs(int Threads, int Lookahead, int ConflictLimit, int ConflictWindow, int Jitter = 0)
{
    public override string ToString() => $"threads {Threads}, lookahead {Lookahead}, conflicts {ConflictLimit}/{ConflictWindow}, jitter {Jitter}µs";
}

/// <summary>A generated block: fork, fee recipient, the transactions' intents and extras (withdrawals, uncles, beacon root, tight gas).</summary>
public sealed record BlockCase(int Fork, CoinbaseKind Coinbase, TxOp[] Ops, InvalidKind Invalid, int InvalidAt, int Extras, Knobs Knobs)
{
    public static readonly ReleaseSpec[] ForkSpecs =
        [Forks.Cancun, Forks.Shanghai, Forks.London, Forks.Berlin, Forks.Istanbul, Forks.Paris, Forks.Constantinople, Forks.Byzantium,
         Forks.SpuriousDragon, Forks.Homestead]; // the last two have per-transaction state roots: the executor must run them sequentially

    public ReleaseSpec Spec => ForkSpecs[Fork];

    public override string ToString() =>
        $"{Spec.Name}, coinbase {Coinbase}, {Ops.Length} ops, invalid {Invalid}@{InvalidAt}, extras 0x{Extras:x}, {Knobs}: " +
        string.Join(" ", Ops.Select(o => o.ToString()));
}

/// <summary>A case made concrete: the block, its context and a way to build its genesis afresh for each run.</summary>
public sealed record BuiltBlock(BlockCase Case, BlockContext Context, Block Block, IReadOnlyList<Transaction> Transactions, Func<InMemoryState>? Genesis = null)
{
    public WorldState NewWorld() => new(Genesis?.Invoke() ?? ConflictGenesis.Create(Case.Coinbase));
}
