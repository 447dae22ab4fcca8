using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Coordinator.Tests.Protocol;

/// <summary>
/// A worker's outcomes go into the columns of one <see cref="BatchExecuted"/> with address and word tables
/// and pre-flagged reads, and come back on the coordinator with the same values and the pre-block values learned.
/// </summary>
public sealed class OutcomeMappingTests
{
    private static readonly Address Alice = Address.Parse("0xa11ce00000000000000000000000000000000a11"), Bob = Addr(0xb0b), Carol = Addr(0xca401),
        Nobody = Addr(0x0dead), Token = Addr(0x70c0), Created = Addr(0xc4ea7e), Victim = Addr(0x51de), Dust = Addr(0xd057);
    private static readonly byte[] Code = [0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3];
    private static readonly Hash256 CodeHash = Keccak256.Compute(Code), TokenCodeHash = Keccak256.Compute([0xfe]);
    private static readonly UInt256 Big = new(0x1111, 0x2222, 0x3333, 0xfedcba9876543210);
    private static readonly Hash256 Topic1 = Keccak256.Compute("Transfer(address,address,uint256)"u8), Topic2 = Hash256.FromWord(Big);

    private static Address Addr(ulong n) => Address.FromLowBytes(n);
    private static AccountRecord Plain(ulong nonce, ulong balance) => new(nonce, balance, Keccak256.OfEmpty);
    private static StorageCell Cell(Address address, in UInt256 slot) => new(address, slot);

    private static SpeculativeOutcome FullOutcome()
    {
        var result = new TransactionResult
        {
            Status = EvmStatus.Return, GasUsed = 123_456, FeeCredit = Big, ContractAddress = Created, DeferredRecipient = Bob,
            Logs = [new LogEntry(Token, [Topic1, Topic2, Hash256.FromWord(7)], [1, 2, 3]), new LogEntry(Created, [], [])],
        };
        var changes = new StateChanges();
        changes.Accounts.Add(new AccountWrite(Alice, Plain(4, 900), AccountDeletion.None));
        changes.Accounts.Add(new AccountWrite(Created, new AccountRecord(1, 5, CodeHash), AccountDeletion.None));
        changes.Accounts.Add(new AccountWrite(Victim, AccountRecord.Empty, AccountDeletion.Destroyed));
        changes.Accounts.Add(new AccountWrite(Dust, AccountRecord.Empty, AccountDeletion.Emptied));
        changes.Storage.Add(new StorageWrite(Cell(Token, Big), 77));
        changes.Storage.Add(new StorageWrite(Cell(Token, 0), UInt256.Zero));
        changes.Storage.Add(new StorageWrite(Cell(Created, 1), UInt256.MaxValue));
        changes.NewCode[CodeHash] = Code;
        changes.AccountReads[Alice] = Plain(3, 1000);
        changes.AccountReads[Nobody] = null;
        changes.AccountReads[Token] = new AccountRecord(1, 0, TokenCodeHash);
        changes.StorageReads[Cell(Token, Big)] = 5;
        changes.StorageReads[Cell(Token, 1)] = UInt256.Zero;
        changes.StoragePresenceReads[Created] = false;
        changes.StoragePresenceReads[Token] = true;
        return new SpeculativeOutcome(result, changes);
    }

    private static SpeculativeOutcome Invalid() =>
        new(TransactionResult.Invalid(TransactionError.NonceMismatch, "nonce 3, expected 2") with { FeeCredit = 9 }, null);

    private static BatchExecuted Write(PreStateCache preState, bool finish, params SpeculativeOutcome[] outcomes)
    {
        var batch = new BatchExecuted();
        var writer = new OutcomeWriter(batch, preState);
        for (int i = 0; i < outcomes.Length; i++) writer.Add(10 + i, outcomes[i]);
        writer.Finish(otherPreState: finish);
        return BatchExecuted.Parser.ParseFrom(batch.ToByteArray());
    }

    private static SpeculativeOutcome[] Read(BatchExecuted batch, PreStateCache preState) =>
        [.. new OutcomeReader(batch, preState).ReadAll().Select(x => x.Outcome)];

    [Fact]
    public void Outcomes_round_trip_field_by_field()
    {
        SpeculativeOutcome full = FullOutcome(), invalid = Invalid();
        BatchExecuted batch = Write(new PreStateCache(), finish: true, full, invalid);
        SpeculativeOutcome[] read = Read(batch, new PreStateCache());

        Assert.Equal([10u, 11u], batch.Outcomes.Index);
        Assert.Equal([true, false], read.Select(o => o.IsUsable));
        AssertSameOutcome(full, read[0]);
        AssertSameOutcome(invalid, read[1]);
        Assert.Null(read[1].Changes);
    }

    [Fact]
    public void Addresses_and_words_go_once_into_the_tables()
    {
        UInt256 slot = 5;
        Hash256 topic = Hash256.FromWord(slot); // the same word as a topic and as a slot
        var first = new TransactionResult { DeferredRecipient = Alice, FeeCredit = Big, Logs = [new LogEntry(Token, [topic, topic, Topic2], []), new LogEntry(Token, [topic], [])] };
        var changes = new StateChanges();
        changes.Accounts.Add(new AccountWrite(Alice, Plain(1, 1), AccountDeletion.None));
        changes.Accounts.Add(new AccountWrite(Token, Plain(1, 2), AccountDeletion.None));
        changes.Storage.Add(new StorageWrite(Cell(Token, slot), Big));
        changes.Storage.Add(new StorageWrite(Cell(Token, Big), slot));
        (changes.StorageReads[Cell(Token, slot)], changes.StorageReads[Cell(Token, Big)]) = (1, 2);
        (changes.AccountReads[Alice], changes.AccountReads[Token]) = (Plain(0, 1), Plain(0, 2));
        changes.StoragePresenceReads[Token] = true;
        var secondChanges = new StateChanges();
        secondChanges.Storage.Add(new StorageWrite(Cell(Alice, slot), 3));
        secondChanges.AccountReads[Token] = Plain(1, 2);
        SpeculativeOutcome[] outcomes = [new(first, changes), new(new TransactionResult { ContractAddress = Token, Logs = [new LogEntry(Alice, [Topic2], [])] }, secondChanges)];

        BatchExecuted batch = Write(new PreStateCache(), finish: true, outcomes);

        // Each table holds each value once: two addresses, two words (values and fee credits are not words).
        Assert.Equal([Token, Alice], batch.Addresses.Select(a => new Address(a.Span)).Order());
        Assert.Equal([slot, Big], batch.Words.Select(w => new Hash256(w.Span).ToWord()).Order());
        SpeculativeOutcome[] read = Read(batch, new PreStateCache());
        for (int i = 0; i < outcomes.Length; i++) AssertSameOutcome(outcomes[i], read[i]);
    }

    /// <summary>The worker's pre-block values that <see cref="MixedReads"/> reads as they were before the block.</summary>
    private static PreStateCache MixedPre() =>
        Cache([(Alice, Plain(3, 1000)), (Nobody, null)], [(Cell(Token, 1), 10)], [(Token, true)]);

    /// <summary>The worker's other pre-block values: read after the batch changed them, or not read at all.</summary>
    private static PreStateCache MixedRest() =>
        Cache([(Bob, Plain(0, 50)), (Dust, null), (Victim, Plain(1, 1)), (Token, new AccountRecord(1, 0, TokenCodeHash))],
            [(Cell(Token, 2), 20), (Cell(Token, 3), UInt256.Zero), (Cell(Bob, Big), 9)], [(Created, false)]);

    /// <summary>Reads of the worker's pre-block values (<see cref="MixedPre"/> and <see cref="MixedRest"/>) and of keys it does not hold.</summary>
    private static (PreStateCache Cache, SpeculativeOutcome Outcome) MixedReads()
    {
        var changes = new StateChanges();
        changes.AccountReads[Alice] = Plain(3, 1000);   // pre
        changes.AccountReads[Nobody] = null;            // pre: missing before the block
        changes.AccountReads[Bob] = Plain(0, 51);       // paid earlier in the batch
        changes.AccountReads[Dust] = Plain(0, 1);       // created earlier in the batch
        changes.AccountReads[Victim] = null;            // destroyed earlier in the batch
        changes.AccountReads[Carol] = Plain(2, 2);      // not in the cache
        changes.StorageReads[Cell(Token, 1)] = 10;      // pre
        changes.StorageReads[Cell(Token, 2)] = 21;      // written earlier in the batch
        changes.StorageReads[Cell(Token, 3)] = 4;       // written earlier in the batch
        changes.StorageReads[Cell(Token, 4)] = UInt256.Zero; // not in the cache
        changes.StoragePresenceReads[Token] = true;     // pre
        changes.StoragePresenceReads[Created] = true;   // written earlier in the batch
        changes.StoragePresenceReads[Alice] = false;    // not in the cache
        PreStateCache cache = MixedRest(), pre = MixedPre();
        foreach (var (address, record) in pre.Accounts) cache.Accounts[address] = record;
        foreach (var (cell, value) in pre.Storage) cache.Storage[cell] = value;
        foreach (var (address, has) in pre.StoragePresence) cache.StoragePresence[address] = has;
        return (cache, new SpeculativeOutcome(new TransactionResult(), changes));
    }

    [Fact]
    public void Pre_is_set_only_where_the_seen_value_equals_the_pre_block_value()
    {
        (PreStateCache cache, SpeculativeOutcome outcome) = MixedReads();
        BatchExecuted batch = Write(cache, finish: false, outcome);
        OutcomeColumns c = batch.Outcomes;
        Address At(uint index) => new(batch.Addresses[(int)index].Span);
        bool Pre(uint flags) => (flags & OutcomeFlags.Pre) != 0;

        Assert.Equal(6, c.AccountReadAddress.Count);
        Assert.Equal([Nobody, Alice], c.AccountReadAddress.Where((_, i) => Pre(c.AccountReadFlags[i])).Select(At).Order());
        Assert.Equal(4, c.StorageReadAddress.Count);
        Assert.Equal([Cell(Token, 1)], Enumerable.Range(0, c.StorageReadAddress.Count).Where(i => c.StorageReadPre[i] == 1)
            .Select(i => Cell(At(c.StorageReadAddress[i]), new Hash256(batch.Words[(int)c.StorageReadSlot[i]].Span).ToWord())));
        Assert.Equal(3, c.PresenceReadAddress.Count);
        Assert.Equal([Token], c.PresenceReadAddress.Where((_, i) => Pre(c.PresenceReadFlags[i])).Select(At));

        // Without other_pre_state, the coordinator learns exactly the pre reads, none of the batch's later values.
        var coordinator = new PreStateCache();
        Read(batch, coordinator);
        AssertCache(MixedPre(), coordinator);
    }

    [Fact]
    public void Finish_sends_exactly_the_cache_entries_no_pre_read_carried()
    {
        (PreStateCache cache, SpeculativeOutcome outcome) = MixedReads();
        var later = new StateChanges();
        later.AccountReads[Victim] = Plain(1, 1); // a second transaction reading Victim's pre value carries it
        BatchExecuted batch = Write(cache, finish: true, outcome, Invalid(), new SpeculativeOutcome(new TransactionResult(), later));

        KeyValues rest = Assert.IsType<KeyValues>(batch.OtherPreState);
        Assert.Equal([3, 3, 1], new[] { rest.Accounts.Count, rest.Storage.Count, rest.StoragePresence.Count });
        var sent = new PreStateCache();
        sent.Remember(rest);
        PreStateCache expected = MixedRest();
        expected.Accounts.TryRemove(Victim, out _);
        AssertCache(expected, sent);
    }

    [Fact]
    public void Reader_adds_exactly_pre_flagged_values_and_other_pre_state_to_its_cache()
    {
        (PreStateCache cache, SpeculativeOutcome outcome) = MixedReads();
        BatchExecuted batch = Write(cache, finish: true, outcome);

        // The batch's other pre-block values when the reader is made; the pre-flagged reads' values as it reads:
        // the coordinator's cache ends with exactly the worker's pre-block values.
        var coordinator = new PreStateCache();
        var reader = new OutcomeReader(batch, coordinator);
        AssertCache(MixedRest(), coordinator);
        SpeculativeOutcome read = Assert.Single(reader.ReadAll()).Outcome;
        AssertSameOutcome(outcome, read);
        AssertCache(cache, coordinator);
    }

    [Theory]
    [InlineData("log_address")]
    [InlineData("log_topic")]
    [InlineData("contract_address")]
    [InlineData("deferred_recipient")]
    [InlineData("account_write_address")]
    [InlineData("account_write_code")]
    [InlineData("storage_write_address")]
    [InlineData("storage_write_slot")]
    [InlineData("account_read_address")]
    [InlineData("account_read_code")]
    [InlineData("storage_read_address")]
    [InlineData("storage_read_slot")]
    [InlineData("presence_read_address")]
    public void An_out_of_range_index_raises_ProtocolException_naming_the_column(string field)
    {
        BatchExecuted batch = Write(new PreStateCache(), finish: true, FullOutcome());
        OutcomeColumns c = batch.Outcomes;
        uint addresses = (uint)batch.Addresses.Count, words = (uint)batch.Words.Count;
        uint index = field switch
        {
            "log_address" => c.LogAddress[1] = addresses,
            "log_topic" => c.LogTopic[2] = words,
            "contract_address" => c.ContractAddress[0] = addresses,
            "deferred_recipient" => c.DeferredRecipient[0] = addresses,
            "account_write_address" => c.AccountWriteAddress[3] = addresses,
            "account_write_code" => (c.AccountWriteCode[1] = words + 1) - 1, // Created has code: 1 + its hash's word index
            "storage_write_address" => c.StorageWriteAddress[2] = addresses,
            "storage_write_slot" => c.StorageWriteSlot[1] = words,
            "account_read_address" => c.AccountReadAddress[2] = addresses,
            "account_read_code" => (c.AccountReadCode[1] = words + 1) - 1, // Token's read: the second of an existing account
            "storage_read_address" => c.StorageReadAddress[1] = addresses,
            "storage_read_slot" => c.StorageReadSlot[0] = words,
            "presence_read_address" => c.PresenceReadAddress[1] = addresses,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var reader = new OutcomeReader(batch, new PreStateCache());

        var e = Assert.Throws<ProtocolException>(() => reader.ReadAll());
        Assert.StartsWith(field + ":", e.Message);
        Assert.Contains($"index {index} ", e.Message);
    }

    [Theory]
    [InlineData("flags")]
    [InlineData("storage_read_count")]
    [InlineData("log_data")]
    [InlineData("log_topic")]
    [InlineData("account_write_nonce")]
    [InlineData("account_read_nonce")]
    [InlineData("storage_write_value")]
    [InlineData("storage_read_pre")]
    [InlineData("fee_credit")]
    public void A_column_that_disagrees_with_the_counts_raises_ProtocolException_naming_it(string field)
    {
        BatchExecuted batch = Write(new PreStateCache(), finish: true, FullOutcome(), Invalid());
        OutcomeColumns c = batch.Outcomes;
        switch (field)
        {
            case "flags": c.Flags.RemoveAt(1); break;
            case "storage_read_count": c.StorageReadCount.Add(0); break;
            case "log_data": c.LogData.Add(ByteString.Empty); break;
            case "log_topic": c.LogTopic.RemoveAt(c.LogTopic.Count - 1); break;
            case "account_write_nonce": c.AccountWriteNonce.RemoveAt(0); break;
            case "account_read_nonce": c.AccountReadNonce.Add(1); break;
            case "storage_write_value": c.StorageWriteValue = ByteString.CopyFrom(c.StorageWriteValue.Span[..^1]); break;
            case "storage_read_pre": c.StorageReadPre = ByteString.CopyFrom(c.StorageReadPre.Span[..^1]); break;
            case "fee_credit": c.FeeCredit = ByteString.CopyFrom([.. c.FeeCredit.Span, 0]); break;
        }
        var reader = new OutcomeReader(batch, new PreStateCache());

        var e = Assert.Throws<ProtocolException>(() => reader.ReadAll());
        Assert.StartsWith($"outcomes.{field}:", e.Message);
    }

    [Fact]
    public void An_unusable_outcome_carrying_reads_is_refused()
    {
        BatchExecuted batch = Write(new PreStateCache(), finish: true, FullOutcome());
        batch.Outcomes.Flags[0] &= ~OutcomeFlags.Usable;

        var e = Assert.Throws<ProtocolException>(() => new OutcomeReader(batch, new PreStateCache()).ReadAll());
        Assert.Contains("transaction 10 is not usable", e.Message);
    }

    [Fact]
    public void Value_columns_keep_every_value_in_as_few_bytes_as_it_needs()
    {
        UInt256[] values = [UInt256.Zero, 1, 255, 256, Big, UInt256.MaxValue, new UInt256(0, 0, 0, 1UL << 63)];
        var writer = new ValueColumnWriter();
        foreach (UInt256 value in values) writer.Add(value);
        ByteString column = writer.ToByteString();

        Assert.Equal(values.Sum(v => 1 + v.ByteLength), column.Length);
        var reader = new ValueColumnReader(column.Span, "test");
        foreach (UInt256 value in values) Assert.Equal(value, reader.Next());
        reader.End();
    }

    [Theory]
    [InlineData("batch.addresses", 19)]
    [InlineData("batch.addresses", 21)]
    [InlineData("batch.words", 31)]
    [InlineData("batch.words", 0)]
    public void A_malformed_table_entry_raises_ProtocolException_naming_the_field(string field, int length)
    {
        BatchExecuted batch = Write(new PreStateCache(), finish: true, FullOutcome());
        (field == "batch.addresses" ? batch.Addresses : batch.Words).Add(ByteString.CopyFrom(new byte[length]));

        var e = Assert.Throws<ProtocolException>(() => new OutcomeReader(batch, new PreStateCache()));
        Assert.StartsWith(field + ":", e.Message);
        Assert.Contains($"got {length}", e.Message);
    }

    private static void AssertSameOutcome(SpeculativeOutcome expected, SpeculativeOutcome actual)
    {
        TransactionResult e = expected.Result, a = actual.Result;
        Assert.Equal((e.Error, e.ErrorDetail, e.Status, e.GasUsed, e.FeeCredit), (a.Error, a.ErrorDetail, a.Status, a.GasUsed, a.FeeCredit));
        Assert.Equal((e.ContractAddress, e.DeferredRecipient), (a.ContractAddress, a.DeferredRecipient));
        Assert.Equal(e.Logs.Count, a.Logs.Count);
        for (int i = 0; i < e.Logs.Count; i++)
        {
            Assert.Equal(e.Logs[i].Address, a.Logs[i].Address);
            Assert.Equal(e.Logs[i].Topics, a.Logs[i].Topics);
            Assert.Equal(e.Logs[i].Data, a.Logs[i].Data);
        }
        Assert.Equal(expected.IsUsable, actual.IsUsable);
        if (expected.Changes is not { } want) { Assert.Null(actual.Changes); return; }
        StateChanges got = Assert.IsType<StateChanges>(actual.Changes);
        Assert.Equal(want.Accounts, got.Accounts);
        Assert.Equal(want.Storage, got.Storage);
        AssertSameEntries(want.NewCode, got.NewCode);
        AssertSameEntries(want.AccountReads, got.AccountReads);
        AssertSameEntries(want.StorageReads, got.StorageReads);
        AssertSameEntries(want.StoragePresenceReads, got.StoragePresenceReads);
    }

    private static PreStateCache Cache((Address, AccountRecord?)[] accounts, (StorageCell, UInt256)[] storage, (Address, bool)[] presence)
    {
        var cache = new PreStateCache();
        foreach (var (address, record) in accounts) cache.Accounts[address] = record;
        foreach (var (cell, value) in storage) cache.Storage[cell] = value;
        foreach (var (address, has) in presence) cache.StoragePresence[address] = has;
        return cache;
    }

    private static void AssertCache(PreStateCache expected, PreStateCache actual)
    {
        AssertSameEntries(expected.Accounts, actual.Accounts);
        AssertSameEntries(expected.Storage, actual.Storage);
        AssertSameEntries(expected.StoragePresence, actual.StoragePresence);
    }

    private static void AssertSameEntries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, IReadOnlyDictionary<TKey, TValue> actual) where TKey : notnull
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out TValue? got), $"missing {key}");
            Assert.Equal(value, got);
        }
    }
}
