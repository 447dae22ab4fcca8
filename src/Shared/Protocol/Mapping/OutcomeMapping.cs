using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using static EvmCluster.Protocol.Mapping.Values;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// A worker's per-transaction outcomes (result, read set, write set) on the wire, as the columns of one
/// <see cref="OutcomeColumns"/> in a <see cref="BatchExecuted"/>: addresses and 32-byte words go once
/// into the batch's tables, and a read that saw the pre-block value says so, so the coordinator learns
/// pre-block values from the reads. Call <see cref="Finish"/> after the last outcome.
/// </summary>
public sealed class OutcomeWriter(BatchExecuted batch, PreStateCache preState)
{
    private readonly OutcomeColumns _columns = new();
    private readonly Dictionary<Address, uint> _addresses = [];
    private readonly Dictionary<UInt256, uint> _words = [];
    private readonly HashSet<Address> _accountsSent = [];
    private readonly HashSet<StorageCell> _storageSent = [];
    private readonly HashSet<Address> _presenceSent = [];
    private readonly ValueColumnWriter _feeCredits = new(), _accountWriteBalances = new(), _storageWriteValues = new(),
        _accountReadBalances = new(), _storageReadValues = new();
    private readonly List<byte> _storageReadPre = [];

    public void Add(int index, SpeculativeOutcome outcome)
    {
        TransactionResult result = outcome.Result;
        OutcomeColumns c = _columns;
        uint flags = outcome.IsUsable ? OutcomeFlags.Usable : 0;
        if (result.ContractAddress is { } created) { flags |= OutcomeFlags.HasContractAddress; c.ContractAddress.Add(AddressIndex(created)); }
        if (result.DeferredRecipient is { } recipient) { flags |= OutcomeFlags.HasDeferredRecipient; c.DeferredRecipient.Add(AddressIndex(recipient)); }
        if (result.ErrorDetail is { Length: > 0 } detail) { flags |= OutcomeFlags.HasErrorDetail; c.ErrorDetail.Add(detail); }
        c.Index.Add((uint)index);
        c.Flags.Add(flags);
        c.Status.Add((uint)result.Status);
        c.GasUsed.Add((ulong)result.GasUsed);
        c.Error.Add((uint)result.Error);
        _feeCredits.Add(result.FeeCredit);
        c.LogCount.Add((uint)result.Logs.Count);
        foreach (LogEntry log in result.Logs)
        {
            c.LogAddress.Add(AddressIndex(log.Address));
            c.LogTopicCount.Add((uint)log.Topics.Length);
            foreach (Hash256 topic in log.Topics) c.LogTopic.Add(WordIndex(topic.ToWord()));
            c.LogData.Add(Bytes(log.Data));
        }
        // The coordinator ignores the changes of an unusable outcome, so none are sent (nor counted as carrying pre-block values).
        StateChanges? changes = outcome.IsUsable ? outcome.Changes : null;
        c.AccountWriteCount.Add((uint)(changes?.Accounts.Count ?? 0));
        c.StorageWriteCount.Add((uint)(changes?.Storage.Count ?? 0));
        c.NewCodeCount.Add((uint)(changes?.NewCode.Count ?? 0));
        c.AccountReadCount.Add((uint)(changes?.AccountReads.Count ?? 0));
        c.StorageReadCount.Add((uint)(changes?.StorageReads.Count ?? 0));
        c.PresenceReadCount.Add((uint)(changes?.StoragePresenceReads.Count ?? 0));
        if (changes is null) return;

        foreach (AccountWrite write in changes.Accounts)
        {
            c.AccountWriteAddress.Add(AddressIndex(write.Address));
            c.AccountWriteDeletion.Add((uint)write.Deletion);
            c.AccountWriteNonce.Add(write.Record.Nonce);
            _accountWriteBalances.Add(write.Record.Balance);
            c.AccountWriteCode.Add(CodeIndex(write.Record));
        }
        foreach (StorageWrite write in changes.Storage)
        {
            c.StorageWriteAddress.Add(AddressIndex(write.Cell.Address));
            c.StorageWriteSlot.Add(WordIndex(write.Cell.Slot));
            _storageWriteValues.Add(write.Value);
        }
        foreach (byte[] code in changes.NewCode.Values) c.NewCode.Add(Bytes(code));
        foreach (var (address, seen) in changes.AccountReads)
        {
            bool isPre = preState.Accounts.TryGetValue(address, out AccountRecord? pre) && pre == seen;
            if (isPre) _accountsSent.Add(address);
            c.AccountReadAddress.Add(AddressIndex(address));
            c.AccountReadFlags.Add((seen.HasValue ? OutcomeFlags.Exists : 0) | (isPre ? OutcomeFlags.Pre : 0));
            if (seen is not { } record) continue;
            c.AccountReadNonce.Add(record.Nonce);
            _accountReadBalances.Add(record.Balance);
            c.AccountReadCode.Add(CodeIndex(record));
        }
        foreach (var (cell, seen) in changes.StorageReads)
        {
            bool isPre = preState.Storage.TryGetValue(cell, out UInt256 pre) && pre == seen;
            if (isPre) _storageSent.Add(cell);
            c.StorageReadAddress.Add(AddressIndex(cell.Address));
            c.StorageReadSlot.Add(WordIndex(cell.Slot));
            _storageReadValues.Add(seen);
            _storageReadPre.Add(isPre ? (byte)1 : (byte)0);
        }
        foreach (var (address, seen) in changes.StoragePresenceReads)
        {
            bool isPre = preState.StoragePresence.TryGetValue(address, out bool pre) && pre == seen;
            if (isPre) _presenceSent.Add(address);
            c.PresenceReadAddress.Add(AddressIndex(address));
            c.PresenceReadFlags.Add((seen ? OutcomeFlags.HasStorage : 0) | (isPre ? OutcomeFlags.Pre : 0));
        }
    }

    /// <summary>
    /// After the last outcome: puts the columns into the batch and, with <paramref name="otherPreState"/>,
    /// the pre-block values read that no outcome carried.
    /// </summary>
    public void Finish(bool otherPreState = true)
    {
        _columns.FeeCredit = _feeCredits.ToByteString();
        _columns.AccountWriteBalance = _accountWriteBalances.ToByteString();
        _columns.StorageWriteValue = _storageWriteValues.ToByteString();
        _columns.AccountReadBalance = _accountReadBalances.ToByteString();
        _columns.StorageReadValue = _storageReadValues.ToByteString();
        _columns.StorageReadPre = ByteString.CopyFrom(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_storageReadPre));
        batch.Outcomes = _columns;
        if (!otherPreState) return;
        var rest = new KeyValues();
        foreach (var (address, record) in preState.Accounts)
            if (!_accountsSent.Contains(address)) rest.Accounts.Add(StateMapping.AccountValue(address, record));
        foreach (var (cell, value) in preState.Storage)
            if (!_storageSent.Contains(cell)) rest.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, value));
        foreach (var (address, has) in preState.StoragePresence)
            if (!_presenceSent.Contains(address)) rest.StoragePresence.Add(new PresenceValue { Address = Bytes(address), HasStorage = has });
        batch.OtherPreState = rest;
    }

    private uint CodeIndex(in AccountRecord record) => record.HasCode ? WordIndex(record.CodeHash.ToWord()) + 1 : 0;

    private uint AddressIndex(Address address)
    {
        if (_addresses.TryGetValue(address, out uint index)) return index;
        _addresses[address] = index = (uint)batch.Addresses.Count;
        batch.Addresses.Add(Bytes(address));
        return index;
    }

    private uint WordIndex(in UInt256 word)
    {
        if (_words.TryGetValue(word, out uint index)) return index;
        _words[word] = index = (uint)batch.Words.Count;
        batch.Words.Add(Bytes(Hash256.FromWord(word)));
        return index;
    }
}

/// <summary>The bits of <see cref="OutcomeColumns"/>' flag columns.</summary>
public static class OutcomeFlags
{
    public const uint Usable = 1, HasContractAddress = 2, HasDeferredRecipient = 4, HasErrorDetail = 8;
    public const uint Exists = 1, HasStorage = 1, Pre = 2;
}

public static class LogMapping
{
    public static Log ToProto(LogEntry log)
    {
        var message = new Log { Address = Bytes(log.Address), Data = Bytes(log.Data) };
        foreach (Hash256 topic in log.Topics) message.Topics.Add(Bytes(topic));
        return message;
    }

    public static LogEntry FromProto(Log log) =>
        new(ToAddress(log.Address, "log.address"), log.Topics.Select(t => ToHash(t, "log.topic")).ToArray(), log.Data.ToByteArray());
}
