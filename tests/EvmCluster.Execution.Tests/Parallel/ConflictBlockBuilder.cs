using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using static EvmCluster.Execution.Tests.Parallel.ConflictContracts;
using static EvmCluster.Execution.Tests.Parallel.ConflictGenesis;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// Turns a <see cref="BlockCase"/> into a block of recovered transactions: consecutive nonces per
/// sender, addresses of contracts created earlier in the block predicted, fees valid for the fork.
/// </summary>
public static class ConflictBlockBuilder
{
    public const long RoomyGasLimit = 30_000_000;
    public const ulong BaseFee = 7;

    public static BuiltBlock Build(BlockCase c)
    {
        ReleaseSpec spec = c.Spec;
        int count = c.Ops.Length + (c.Invalid == InvalidKind.None ? 0 : 1);
        long gasLimit = ((c.Extras >> 4) & 0xF) == 0 ? 45_000L * count + 100_000 : RoomyGasLimit;
        Address coinbase = CoinbaseFor(c.Coinbase);
        var header = new BlockHeader
        {
            Number = 1000,
            Timestamp = 1_700_000_000UL + (ulong)((c.Extras >> 8) & 0xFF),
            Beneficiary = coinbase,
            GasLimit = gasLimit,
            BaseFeePerGas = spec.IsEip1559Enabled ? BaseFee : null,
            Difficulty = spec.IsEip4399Enabled ? UInt256.Zero : new UInt256(131_072),
            MixHash = Hash256.FromWord(new UInt256(0xABCDEF, (ulong)c.Extras)),
            WithdrawalsRoot = spec.IsEip4895Enabled ? Hash256.Zero : null,
            BlobGasUsed = spec.IsEip4844Enabled ? 0UL : null,
            ExcessBlobGas = spec.IsEip4844Enabled ? 0UL : null,
            ParentBeaconBlockRoot = spec.IsEip4788Enabled && (c.Extras & 4) != 0 ? Hash256.FromWord(new UInt256(0xBEAC0, (ulong)c.Extras)) : null,
        };
        Address[] creditTargets = [coinbase, Senders[0], Fresh(900), Empties[1], Destructibles[0], Create2Child(EmptySquattedSalt)];
        List<Withdrawal>? withdrawals = spec.IsEip4895Enabled
            ? [.. Enumerable.Range(0, c.Extras & 3).Select(i => new Withdrawal((ulong)i, 7, creditTargets[(c.Extras >> (16 + 3 * i)) % creditTargets.Length],
                i == 0 && (c.Extras & (1 << 30)) != 0 ? 0UL : (ulong)(1 + (c.Extras >> 20) % 1000)))]
            : null;
        List<BlockHeader> uncles = !spec.IsEip4399Enabled && (c.Extras & 8) != 0
            ? [new BlockHeader { Number = 999, Beneficiary = (c.Extras & 0x10000) != 0 ? Empties[0] : Senders[2] }]
            : [];
        var block = new Block(header, [], uncles, withdrawals);
        BlockContext context = BlockContextFactory.From(header, spec, 1, null);
        return new BuiltBlock(c, context, block, new Builder(c, coinbase, gasLimit).Transactions());
    }

    private sealed class Builder(BlockCase c, Address coinbase, long blockGasLimit)
    {
        private readonly ReleaseSpec _spec = c.Spec;
        private readonly Dictionary<Address, ulong> _nonces = new() { [FeeEoa] = c.Coinbase == CoinbaseKind.FundedEoa ? 3UL : 0UL };
        private readonly List<Address> _funded = [];
        private readonly List<Address> _created = [];
        private readonly List<Transaction> _txs = [];
        private ulong _factoryNonce = 1;
        private int _fresh;

        public List<Transaction> Transactions()
        {
            for (int i = 0; i <= c.Ops.Length; i++)
            {
                if (c.Invalid != InvalidKind.None && i == Math.Min(c.InvalidAt, c.Ops.Length)) AddInvalid();
                if (i < c.Ops.Length) Add(c.Ops[i]);
            }
            return _txs;
        }

        private void Add(TxOp op)
        {
            Address sender = Senders[op.Sender % Senders.Length];
            int a = op.A, b = op.B;
            switch (op.Kind)
            {
                case OpKind.Increment:
                    ulong gas = a % 16 == 0 ? new ulong[] { 23_500, 26_000, 30_000, 45_000 }[b % 4] : 90_000;
                    Tx(op, sender, Counter, 0, Asm.Words((ulong)(a % 3), (ulong)(b % 8 < 5 ? 0 : b % 4)), gas);
                    break;
                case OpKind.TokenTransfer:
                    Address to = (a % 5) switch { 0 or 1 => Senders[0], 2 => Senders[b % 5], 3 => NewFresh(), _ => sender };
                    ulong amount = a % 7 == 6 ? TokenBalance : (ulong)(b * 37 % 1300); // the whole balance: the slot clears, gas is refunded
                    Tx(op, sender, Token, 0, Asm.Words(to.ToWord(), amount), 100_000);
                    break;
                case OpKind.Transfer:
                    Address target = (a % 6) switch { < 4 => Senders[(a + b) % 5], 4 => Counter, _ => Destructibles[b % 3] };
                    Tx(op, sender, target, (ulong)b * 1000 + 1, [], a % 6 < 4 ? 21_000UL : 90_000);
                    break;
                case OpKind.TransferToFresh:
                    Address fresh = a % 2 == 0 || _fresh == 0 ? NewFresh() : Fresh(_fresh - 1);
                    Tx(op, sender, fresh, b % 3 == 0 ? 0UL : (ulong)b + 1, [], 21_000);
                    break;
                case OpKind.FundFresh:
                    Address funded = NewFresh();
                    _funded.Add(funded);
                    Tx(op, sender, funded, Ether / 10, [], 21_000);
                    break;
                case OpKind.SpendFunded when _funded.Count > 0:
                    Address spender = _funded[a % _funded.Count];
                    Tx(op, spender, b % 2 == 0 ? Counter : Senders[0], b % 2 == 0 ? 0UL : 1UL, Asm.Words(0, 0), 90_000);
                    break;
                case OpKind.ZeroValueCall:
                    Address[] touchable = [Empties[0], Empties[1], Create2Child(EmptySquattedSalt), Create2Child(SquattedSalt),
                        Address.FromLowBytes(4), Address.FromLowBytes(3), Counter, NewFresh()];
                    Tx(op, sender, touchable[a % touchable.Length], 0, b % 2 == 0 ? [] : [1, 2, 3], 60_000);
                    break;
                case OpKind.ReadBalance:
                    Address? read = (a % 7) switch
                    {
                        0 => null, 1 => coinbase, 2 => Senders[0], 3 => Destructibles[b % 3],
                        4 => _created.Count > 0 ? _created[b % _created.Count] : Create2Child((ulong)(b % 4)),
                        5 => Fresh(Math.Max(0, _fresh - 1)), _ => Empties[b % 2],
                    };
                    Tx(op, sender, Reader, 0, read is { } r ? Asm.Words(r.ToWord()) : [], 100_000);
                    break;
                case OpKind.PayCoinbase:
                    Tx(op, sender, coinbase, b % 4 == 0 ? 0UL : (ulong)b * 10 + 1, [], 21_000);
                    break;
                case OpKind.CoinbaseSends when c.Coinbase == CoinbaseKind.Destructible: // a contract cannot send: make it self-destruct
                    Tx(op, sender, coinbase, 0, Asm.Words(Senders[1].ToWord()), 60_000);
                    break;
                case OpKind.CoinbaseSends:
                    Address[] sinks = [Senders[1], Counter, Reader];
                    Tx(op, coinbase, sinks[a % 3], a % 3 == 0 ? (ulong)b + 1 : 0UL, a % 3 == 1 ? Asm.Words(0, 0) : [], a % 3 == 0 ? 21_000UL : 100_000);
                    break;
                case OpKind.FactoryCreate:
                    _created.Add(ContractAddress.From(Factory, _factoryNonce++));
                    Tx(op, sender, Factory, a % 3 == 0 ? 0UL : 5, Asm.Words(0, 0), 250_000);
                    break;
                case OpKind.FactoryCreate2:
                    ulong salt = (ulong)(b % 5);
                    _factoryNonce++;
                    _created.Add(Create2Child(salt));
                    Tx(op, sender, Factory, a % 3 == 0 ? 0UL : 5, Asm.Words(1, salt), 250_000);
                    break;
                case OpKind.FactoryCreateDestroy:
                    _created.Add(ContractAddress.From(Factory, _factoryNonce++));
                    Tx(op, sender, Factory, a % 2 == 0 ? 0UL : 9, Asm.Words(2, 0), 250_000);
                    break;
                case OpKind.PlainCreate:
                    _created.Add(ContractAddress.From(sender, PeekNonce(sender)));
                    Tx(op, sender, null, a % 3 == 0 ? 0UL : 7, ChildInit, 200_000);
                    break;
                case OpKind.CallCreated:
                    Address callee = _created.Count > 0 && a % 4 != 0 ? _created[b % _created.Count] : ContractAddress.From(Factory, _factoryNonce);
                    Tx(op, sender, callee, a % 5 == 0 ? 1UL : 0UL, b % 4 == 0 ? [1] : Asm.Words((ulong)(a % 2), 0), 90_000);
                    break;
                case OpKind.PrefundPredicted:
                    Address future = (a % 3) switch
                    {
                        0 => ContractAddress.From(Factory, _factoryNonce),
                        1 => Create2Child((ulong)(b % 5)),
                        _ => ContractAddress.From(sender, PeekNonce(sender) + 1),
                    };
                    Tx(op, sender, future, (ulong)b + 1, [], 21_000);
                    break;
                case OpKind.RevertAfterCall:
                    Address[] victims = [Counter, Destructibles[b % 3], Factory, Token];
                    Tx(op, sender, Reverter, 0, Asm.Words(victims[a % 4].ToWord()), 300_000);
                    break;
                case OpKind.CappedCall:
                    Address[] inner = [Counter, Token, Factory, Burner];
                    ulong cap = new ulong[] { 500, 2_500, 8_000, 30_000, 200_000 }[b % 5];
                    Tx(op, sender, Capped, 0, Asm.Words(inner[a % 4].ToWord(), cap), 300_000);
                    break;
                case OpKind.OutOfGas:
                    if (a % 2 == 0) Tx(op, sender, Burner, 0, [], 50_000 + (ulong)b * 100);
                    else Tx(op, sender, Counter, 0, Asm.Words(0, 0), 21_300 + (ulong)(b % 400));
                    break;
                case OpKind.CreateAndDestroy:
                    Address[] heirs = [coinbase, Senders[0], NewFresh(), Destructibles[0], Empties[0]];
                    _created.Add(ContractAddress.From(sender, PeekNonce(sender)));
                    Tx(op, sender, null, 1000 + (ulong)b, SuicidalInit(heirs[a % heirs.Length]), 100_000);
                    break;
                case OpKind.DestroyOld:
                    Address victim = Destructibles[a % 3];
                    Address[] beneficiaries = [coinbase, Senders[0], NewFresh(), victim, Destructibles[(a + 1) % 3], Counter];
                    Tx(op, sender, victim, b % 2 == 0 ? 0UL : 3, Asm.Words(beneficiaries[b % beneficiaries.Length].ToWord()), 60_000);
                    break;
                case OpKind.Transient:
                    Tx(op, sender, ConflictContracts.Transient, 0, [], 150_000);
                    break;
                case OpKind.BeaconPoke:
                    Tx(op, sender, BeaconRoots, 0, Asm.Words((ulong)b + 1), 60_000);
                    break;
                case OpKind.Blob when _spec.IsEip4844Enabled:
                    Tx(op, sender, Counter, 0, Asm.Words(0, 0), 90_000, blobs: 1 + a % 2);
                    break;
                case OpKind.Metamorphic:
                    ulong reused = new ulong[] { 0, 1, 4 }[b % 3];
                    Address morph = Create2Child(reused);
                    _created.Add(morph);
                    _factoryNonce += 2;
                    Tx(op, sender, Factory, 0, Asm.Words(1, reused), 250_000);
                    Tx(op, Senders[(op.Sender + 1) % Senders.Length], morph, 0, [1], 90_000);
                    Tx(op with { A = a + 1 }, sender, Factory, 0, Asm.Words(1, reused), 250_000);
                    break;
                case OpKind.Drain:
                    Tx(op, sender, Senders[(op.Sender + 1 + a % 4) % Senders.Length], Ether * 60, [], 21_000);
                    break;
                case OpKind.Deep:
                    Tx(op, sender, Recursor, 0, [], (ulong)Math.Min(1_000_000 + 10_000 * b, blockGasLimit / 4));
                    break;
                default: // SpendFunded with nobody funded yet, Blob before Cancun
                    Tx(op, sender, Counter, 0, Asm.Words(0, 0), 90_000);
                    break;
            }
        }

        private void AddInvalid()
        {
            var op = new TxOp(OpKind.Transfer, 0, 0, 0, 1);
            switch (c.Invalid)
            {
                case InvalidKind.NonceGap: Tx(op, Senders[1], Senders[2], 1, [], 21_000, nonce: PeekNonce(Senders[1]) + 1); break;
                case InvalidKind.NonceReuse:
                    ulong next = PeekNonce(Senders[0]);
                    Tx(op, Senders[0], Senders[2], 1, [], 21_000, nonce: next == 0 ? 5 : next - 1);
                    break;
                case InvalidKind.GasOverBlock: Tx(op, Senders[2], Senders[3], 1, [], (ulong)blockGasLimit - 5_000); break;
                case InvalidKind.Unfunded: Tx(op, Fresh(5_000), Senders[3], 1, [], 21_000); break;
            }
        }

        private Address NewFresh() => Fresh(_fresh++);

        private ulong PeekNonce(Address sender) => _nonces.GetValueOrDefault(sender);

        private void Tx(TxOp op, Address sender, Address? to, UInt256 value, byte[] data, ulong gas, ulong? nonce = null, int blobs = 0)
        {
            ulong n = nonce ?? PeekNonce(sender);
            if (nonce is null) _nonces[sender] = n + 1;
            TxType type = blobs > 0 ? TxType.Blob
                : !_spec.IsEip2930Enabled ? TxType.Legacy
                : (TxType)((op.A + op.B) % (_spec.IsEip1559Enabled ? 3 : 2));
            bool feeMarket = type is TxType.Eip1559 or TxType.Blob;
            UInt256 baseFee = _spec.IsEip1559Enabled ? BaseFee : 0UL;
            AccessListItem[] accessList = type == TxType.Legacy || op.B % 3 != 0 ? []
                : op.B % 6 == 0 ? [new AccessListItem(Counter, [UInt256.Zero]), new AccessListItem(coinbase, [])]
                : [new AccessListItem(Counter, [UInt256.Zero])];
            _txs.Add(new Transaction
            {
                Type = type,
                ChainId = type == TxType.Legacy && op.A % 2 == 0 ? null : new UInt256(1),
                Nonce = n,
                GasPrice = feeMarket ? UInt256.Zero : baseFee + (ulong)op.Tip,
                MaxPriorityFeePerGas = feeMarket ? (ulong)op.Tip : UInt256.Zero,
                MaxFeePerGas = feeMarket ? baseFee + (ulong)(op.A % 4) : UInt256.Zero,
                GasLimit = gas + (ulong)accessList.Sum(item => 2_400 + 1_900 * item.StorageKeys.Length), // the list's intrinsic cost
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
                MaxFeePerBlobGas = blobs > 0 ? (ulong)(1 + op.B % 3) : UInt256.Zero,
                BlobVersionedHashes = [.. Enumerable.Range(0, blobs).Select(i => Hash256.FromWord(new UInt256((ulong)i, 0, 0, 0x01UL << 56)))],
                Sender = sender,
                Hash = Hash256.FromWord(new UInt256((ulong)_txs.Count + 1, n, sender.LowUInt32, 0x7E57)),
            });
        }
    }
}
