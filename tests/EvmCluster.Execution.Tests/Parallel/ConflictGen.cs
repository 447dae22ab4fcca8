using CsCheck;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// CsCheck generators of conflict blocks. Mostly hot-spot transactions (one counter slot, one token
/// balance, the busiest sender, the fee recipient), with the rarer kinds often enough that a few
/// hundred blocks contain every one. About one block in ten carries an invalid transaction.
/// </summary>
public static class ConflictGen
{
    public static readonly Gen<OpKind> Kind = Gen.Frequency(
        (14, OpKind.Increment), (10, OpKind.TokenTransfer), (8, OpKind.Transfer), (4, OpKind.TransferToFresh),
        (3, OpKind.FundFresh), (4, OpKind.SpendFunded), (4, OpKind.ZeroValueCall), (6, OpKind.ReadBalance),
        (3, OpKind.PayCoinbase), (2, OpKind.CoinbaseSends), (3, OpKind.FactoryCreate), (3, OpKind.FactoryCreate2),
        (2, OpKind.FactoryCreateDestroy), (3, OpKind.PlainCreate), (6, OpKind.CallCreated), (2, OpKind.PrefundPredicted),
        (3, OpKind.RevertAfterCall), (3, OpKind.CappedCall), (3, OpKind.OutOfGas), (2, OpKind.CreateAndDestroy),
        (3, OpKind.DestroyOld), (3, OpKind.Transient), (1, OpKind.BeaconPoke), (1, OpKind.Blob), (2, OpKind.Metamorphic), (1, OpKind.Drain), (1, OpKind.Deep));

    /// <summary>Sender 0 sends half the transactions: long nonce chains.</summary>
    public static readonly Gen<int> Sender = Gen.Frequency((5, 0), (2, 1), (1, 2), (1, 3), (1, 4));

    public static readonly Gen<TxOp> TxOp = Gen.Select(Kind, Sender, Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[0, 3],
        (kind, sender, a, b, tip) => new TxOp(kind, sender, a, b, tip));

    /// <summary>Index into <see cref="BlockCase.ForkSpecs"/>: mostly Cancun, some of every later fork back to Byzantium, a few before it.</summary>
    public static readonly Gen<int> Fork = Gen.Frequency((12, 0), (4, 1), (2, 2), (2, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9));

    public static readonly Gen<CoinbaseKind> Coinbase = Gen.Frequency(
        (4, CoinbaseKind.FundedEoa), (2, CoinbaseKind.Missing), (2, CoinbaseKind.EmptyAccount), (2, CoinbaseKind.HotSender), (1, CoinbaseKind.Destructible));

    public static readonly Gen<InvalidKind> Invalid = Gen.Frequency(
        (88, InvalidKind.None), (3, InvalidKind.NonceGap), (3, InvalidKind.NonceReuse), (3, InvalidKind.GasOverBlock), (3, InvalidKind.Unfunded));

    /// <summary>Threads rotate over 1, 2, 4, 8; lookahead, the conflict bound (default, never, eager) and the jitter vary too.</summary>
    public static readonly Gen<Knobs> Knobs = Gen.Select(
        Gen.OneOf(1, 2, 4, 8),
        Gen.Frequency((3, 64), (1, 1), (1, 2), (1, 4)),
        Gen.Frequency((3, (24, 32)), (2, (1000, 32)), (1, (2, 4)), (1, (1, 1))),
        Gen.Frequency((2, 0), (1, 20), (1, 100)),
        (threads, lookahead, conflict, jitter) => new Knobs(threads, lookahead, conflict.Item1, conflict.Item2, jitter));

    public static Gen<BlockCase> Blocks(int minTxs, int maxTxs) => Gen.Select(
        Fork, Coinbase, TxOp.Array[minTxs, maxTxs], Invalid, Gen.Int[0, maxTxs], Gen.Int[0, int.MaxValue], Knobs,
        (fork, coinbase, ops, invalid, at, extras, knobs) => new BlockCase(fork, coinbase, ops, invalid, at, extras, knobs));

    /// <summary>The CI-sized blocks: 8 to 40 transactions.</summary>
    public static readonly Gen<BlockCase> Block = Blocks(8, 40);
}
