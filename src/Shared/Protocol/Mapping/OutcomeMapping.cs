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
/// A worker's per-transaction outcomes (result, read set, write set) on the wire, written into one
/// <see cref="BatchExecuted"/>: addresses and 32-byte words go once into the batch's tables, and a
/// read that saw the pre-block value says so, so the coordinator learns pre-block values from the reads.
/// </summary>
public sealed class OutcomeWriter(BatchExecuted batch, PreStateCache preState)
{
    private readonly Dictionary<Address, uint> _addresses = [];
    private readonly Dictionary<UInt256, uint> _words = [];
    private readonly HashSet<Address> _accountsSent = [];
    private readonly HashSet<StorageCell> _storageSent = [];
    private readonly HashSet<Address> _presenceSent = [];

    public void Add(int index, SpeculativeOutcome outcome)
    {
        TransactionResult result = outcome.Result;
        var message = new TransactionOutcome
        {
            Index = (uint)index, Usable = outcome.IsUsable, Status = (uint)result.Status, GasUsed = (ulong)result.GasUsed,
            FeeCredit = Bytes(result.FeeCredit), Error = (uint)result.Error, ErrorDetail = result.ErrorDetail ?? "",
        };
        if (result.ContractAddress is { } created) message.ContractAddress = AddressIndex(created);
        if (result.DeferredRecipient is { } recipient) message.DeferredRecipient = AddressIndex(recipient);
        foreach (LogEntry log in result.Logs)
        {
            var entry = new OutcomeLog { Address = AddressIndex(log.Address), Data = Bytes(log.Data) };
            foreach (Hash256 topic in log.Topics) entry.Topics.Add(WordIndex(topic.ToWord()));
            message.Logs.Add(entry);
        }
        batch.Outcomes.Add(message);
        // The coordinator ignores the changes of an unusable outcome, so none are sent (nor counted as carrying pre-block values).
        if (!outcome.IsUsable || outcome.Changes is not { } changes) return;

        foreach (AccountWrite write in changes.Accounts)
            message.AccountWrites.Add(new OutcomeAccountWrite { Address = AddressIndex(write.Address), Account = CompactAccount.ToProto(write.Record), Deletion = (uint)write.Deletion });
        foreach (StorageWrite write in changes.Storage)
            message.StorageWrites.Add(new OutcomeStorageWrite { Address = AddressIndex(write.Cell.Address), Slot = WordIndex(write.Cell.Slot), Value = Bytes(write.Value) });
        foreach (byte[] code in changes.NewCode.Values) message.NewCode.Add(Bytes(code));
        foreach (var (address, seen) in changes.AccountReads)
        {
            var read = new OutcomeAccountRead { Address = AddressIndex(address), Exists = seen.HasValue, Pre = preState.Accounts.TryGetValue(address, out AccountRecord? pre) && pre == seen };
            if (read.Pre) _accountsSent.Add(address);
            if (seen is { } record) read.Account = CompactAccount.ToProto(record);
            message.AccountReads.Add(read);
        }
        foreach (var (cell, seen) in changes.StorageReads)
        {
            bool isPre = preState.Storage.TryGetValue(cell, out UInt256 pre) && pre == seen;
            if (isPre) _storageSent.Add(cell);
            message.StorageReads.Add(new OutcomeStorageRead { Address = AddressIndex(cell.Address), Slot = WordIndex(cell.Slot), Value = Bytes(seen), Pre = isPre });
        }
        foreach (var (address, seen) in changes.StoragePresenceReads)
        {
            bool isPre = preState.StoragePresence.TryGetValue(address, out bool pre) && pre == seen;
            if (isPre) _presenceSent.Add(address);
            message.PresenceReads.Add(new OutcomePresenceRead { Address = AddressIndex(address), HasStorage = seen, Pre = isPre });
        }
    }

    /// <summary>After the last outcome: the pre-block values read that no outcome carried.</summary>
    public void Finish()
    {
        var rest = new KeyValues();
        foreach (var (address, record) in preState.Accounts)
            if (!_accountsSent.Contains(address)) rest.Accounts.Add(StateMapping.AccountValue(address, record));
        foreach (var (cell, value) in preState.Storage)
            if (!_storageSent.Contains(cell)) rest.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, value));
        foreach (var (address, has) in preState.StoragePresence)
            if (!_presenceSent.Contains(address)) rest.StoragePresence.Add(new PresenceValue { Address = Bytes(address), HasStorage = has });
        batch.OtherPreState = rest;
    }

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

/// <summary>The coordinator's side of <see cref="OutcomeWriter"/>: tables checked once, every index checked on use.</summary>
public sealed class OutcomeReader
{
    private readonly Address[] _addresses;
    private readonly UInt256[] _words;

    /// <summary>Checks the batch's tables and adds its other pre-block values to <paramref name="preState"/>.</summary>
    public OutcomeReader(BatchExecuted batch, PreStateCache preState)
    {
        if (batch.OtherPreState is { } rest) preState.Remember(rest);
        _addresses = batch.Addresses.Select(a => ToAddress(a, "batch.addresses")).ToArray();
        _words = batch.Words.Select(w => ToHash(w, "batch.words").ToWord()).ToArray();
    }

    /// <summary>The outcome, with every pre-block value its reads saw added to <paramref name="preState"/>.</summary>
    public SpeculativeOutcome Read(TransactionOutcome message, PreStateCache preState)
    {
        var result = new TransactionResult
        {
            Error = (TransactionError)message.Error,
            ErrorDetail = message.ErrorDetail.Length == 0 ? null : message.ErrorDetail,
            Status = (EvmStatus)message.Status,
            GasUsed = (long)message.GasUsed,
            Logs = message.Logs.Select(log => new LogEntry(Address(log.Address, "log.address"),
                log.Topics.Select(t => Hash256.FromWord(Word(t, "log.topics"))).ToArray(), log.Data.ToByteArray())).ToArray(),
            ContractAddress = message.HasContractAddress ? Address(message.ContractAddress, "contract_address") : null,
            FeeCredit = ToUInt256(message.FeeCredit, "fee_credit"),
            DeferredRecipient = message.HasDeferredRecipient ? Address(message.DeferredRecipient, "deferred_recipient") : null,
        };
        if (!message.Usable) return new SpeculativeOutcome(result, null);

        var changes = new StateChanges();
        foreach (OutcomeAccountWrite write in message.AccountWrites)
            changes.Accounts.Add(new AccountWrite(Address(write.Address, "account_writes.address"),
                CompactAccount.FromProto(write.Account, "account_writes"), (AccountDeletion)write.Deletion));
        foreach (OutcomeStorageWrite write in message.StorageWrites)
            changes.Storage.Add(new StorageWrite(new StorageCell(Address(write.Address, "storage_writes.address"), Word(write.Slot, "storage_writes.slot")),
                ToUInt256(write.Value, "storage_writes.value")));
        foreach (var code in message.NewCode)
        {
            byte[] bytes = code.ToByteArray();
            changes.NewCode[Keccak256.Compute(bytes)] = bytes;
        }
        foreach (OutcomeAccountRead read in message.AccountReads)
        {
            Address address = Address(read.Address, "account_reads.address");
            AccountRecord? seen = read.Exists ? CompactAccount.FromProto(read.Account ?? throw new ProtocolException("account_reads.account is missing"), "account_reads") : null;
            changes.AccountReads[address] = seen;
            if (read.Pre) preState.Accounts[address] = seen;
        }
        foreach (OutcomeStorageRead read in message.StorageReads)
        {
            var cell = new StorageCell(Address(read.Address, "storage_reads.address"), Word(read.Slot, "storage_reads.slot"));
            UInt256 seen = ToUInt256(read.Value, "storage_reads.value");
            changes.StorageReads[cell] = seen;
            if (read.Pre) preState.Storage[cell] = seen;
        }
        foreach (OutcomePresenceRead read in message.PresenceReads)
        {
            Address address = Address(read.Address, "presence_reads.address");
            changes.StoragePresenceReads[address] = read.HasStorage;
            if (read.Pre) preState.StoragePresence[address] = read.HasStorage;
        }
        return new SpeculativeOutcome(result, changes);
    }

    private Address Address(uint index, string field) =>
        index < _addresses.Length ? _addresses[index] : throw new ProtocolException($"{field}: index {index} is outside the batch's {_addresses.Length} addresses");

    private UInt256 Word(uint index, string field) =>
        index < _words.Length ? _words[index] : throw new ProtocolException($"{field}: index {index} is outside the batch's {_words.Length} words");
}

/// <summary>An account in an outcome: an empty code hash stands for the hash of empty code (most accounts).</summary>
internal static class CompactAccount
{
    public static Account ToProto(in AccountRecord record) => new()
    {
        Nonce = record.Nonce, Balance = Bytes(record.Balance), CodeHash = record.HasCode ? Bytes(record.CodeHash) : ByteString.Empty,
    };

    public static AccountRecord FromProto(Account account, string field) =>
        new(account.Nonce, ToUInt256(account.Balance, field + ".balance"),
            account.CodeHash.IsEmpty ? Keccak256.OfEmpty : ToHash(account.CodeHash, field + ".code_hash"));
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
