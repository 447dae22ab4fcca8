using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Protocol.V1;
using Google.Protobuf.Collections;
using static EvmCluster.Protocol.Mapping.Values;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// The coordinator's side of <see cref="OutcomeWriter"/>: tables checked once, every column read in
/// order with its length checked, every table index checked on use. A malformed batch raises
/// <see cref="ProtocolException"/> naming the column.
/// </summary>
public sealed class OutcomeReader
{
    private readonly BatchExecuted _batch;
    private readonly PreStateCache _preState;
    private readonly Address[] _addresses;
    private readonly UInt256[] _words;

    /// <summary>Checks the batch's tables and adds its other pre-block values to <paramref name="preState"/>.</summary>
    public OutcomeReader(BatchExecuted batch, PreStateCache preState)
    {
        _batch = batch;
        _preState = preState;
        if (batch.OtherPreState is { } rest) preState.Remember(rest);
        _addresses = batch.Addresses.Select(a => ToAddress(a, "batch.addresses")).ToArray();
        _words = batch.Words.Select(w => ToHash(w, "batch.words").ToWord()).ToArray();
    }

    /// <summary>Every outcome with its position in the block; the pre-block values the reads saw are added to the cache given to the constructor.</summary>
    public List<(int Index, SpeculativeOutcome Outcome)> ReadAll()
    {
        PreStateCache preState = _preState;
        OutcomeColumns c = _batch.Outcomes ?? new OutcomeColumns();
        int n = c.Index.Count;
        foreach (var (count, field) in new[]
        {
            (c.Flags.Count, "flags"), (c.Status.Count, "status"), (c.GasUsed.Count, "gas_used"), (c.Error.Count, "error"),
            (c.LogCount.Count, "log_count"), (c.AccountWriteCount.Count, "account_write_count"), (c.StorageWriteCount.Count, "storage_write_count"),
            (c.NewCodeCount.Count, "new_code_count"), (c.AccountReadCount.Count, "account_read_count"),
            (c.StorageReadCount.Count, "storage_read_count"), (c.PresenceReadCount.Count, "presence_read_count"),
        })
        {
            if (count != n) throw new ProtocolException($"outcomes.{field}: {count} entries for {n} outcomes");
        }

        var read = new List<(int, SpeculativeOutcome)>(n);
        var cursors = new Cursors();
        var feeCredits = new ValueColumnReader(c.FeeCredit.Span, "outcomes.fee_credit");
        var accountWriteBalances = new ValueColumnReader(c.AccountWriteBalance.Span, "outcomes.account_write_balance");
        var storageWriteValues = new ValueColumnReader(c.StorageWriteValue.Span, "outcomes.storage_write_value");
        var accountReadBalances = new ValueColumnReader(c.AccountReadBalance.Span, "outcomes.account_read_balance");
        var storageReadValues = new ValueColumnReader(c.StorageReadValue.Span, "outcomes.storage_read_value");
        ReadOnlySpan<byte> storageReadPre = c.StorageReadPre.Span;
        for (int i = 0; i < n; i++)
        {
            uint flags = c.Flags[i];
            var result = new TransactionResult
            {
                Error = (TransactionError)c.Error[i],
                ErrorDetail = (flags & OutcomeFlags.HasErrorDetail) != 0 ? Take(c.ErrorDetail, ref cursors.ErrorDetail, "error_detail") : null,
                Status = (EvmStatus)c.Status[i],
                GasUsed = (long)c.GasUsed[i],
                Logs = ReadLogs(c, (int)c.LogCount[i], ref cursors),
                ContractAddress = (flags & OutcomeFlags.HasContractAddress) != 0 ? Address(Take(c.ContractAddress, ref cursors.ContractAddress, "contract_address"), "contract_address") : null,
                FeeCredit = feeCredits.Next(),
                DeferredRecipient = (flags & OutcomeFlags.HasDeferredRecipient) != 0 ? Address(Take(c.DeferredRecipient, ref cursors.DeferredRecipient, "deferred_recipient"), "deferred_recipient") : null,
            };
            if ((flags & OutcomeFlags.Usable) == 0)
            {
                if (c.AccountWriteCount[i] + c.StorageWriteCount[i] + c.NewCodeCount[i] + c.AccountReadCount[i] + c.StorageReadCount[i] + c.PresenceReadCount[i] != 0)
                    throw new ProtocolException($"outcomes: transaction {c.Index[i]} is not usable but carries writes or reads");
                read.Add(((int)c.Index[i], new SpeculativeOutcome(result, null)));
                continue;
            }

            var changes = new StateChanges();
            for (uint k = c.AccountWriteCount[i]; k > 0; k--)
            {
                Address address = Address(Take(c.AccountWriteAddress, ref cursors.AccountWrite, "account_write_address"), "account_write_address");
                int at = cursors.AccountWrite - 1;
                var record = new AccountRecord(Take(c.AccountWriteNonce, at, "account_write_nonce"), accountWriteBalances.Next(), Code(Take(c.AccountWriteCode, at, "account_write_code"), "account_write_code"));
                changes.Accounts.Add(new AccountWrite(address, record, (AccountDeletion)Take(c.AccountWriteDeletion, at, "account_write_deletion")));
            }
            for (uint k = c.StorageWriteCount[i]; k > 0; k--)
            {
                Address address = Address(Take(c.StorageWriteAddress, ref cursors.StorageWrite, "storage_write_address"), "storage_write_address");
                UInt256 slot = Word(Take(c.StorageWriteSlot, cursors.StorageWrite - 1, "storage_write_slot"), "storage_write_slot");
                changes.Storage.Add(new StorageWrite(new StorageCell(address, slot), storageWriteValues.Next()));
            }
            for (uint k = c.NewCodeCount[i]; k > 0; k--)
            {
                byte[] bytes = Take(c.NewCode, ref cursors.NewCode, "new_code").ToByteArray();
                changes.NewCode[Keccak256.Compute(bytes)] = bytes;
            }
            for (uint k = c.AccountReadCount[i]; k > 0; k--)
            {
                Address address = Address(Take(c.AccountReadAddress, ref cursors.AccountRead, "account_read_address"), "account_read_address");
                uint readFlags = Take(c.AccountReadFlags, cursors.AccountRead - 1, "account_read_flags");
                AccountRecord? seen = null;
                if ((readFlags & OutcomeFlags.Exists) != 0)
                {
                    int at = cursors.ExistingAccountRead++;
                    seen = new AccountRecord(Take(c.AccountReadNonce, at, "account_read_nonce"), accountReadBalances.Next(), Code(Take(c.AccountReadCode, at, "account_read_code"), "account_read_code"));
                }
                changes.AccountReads[address] = seen;
                if ((readFlags & OutcomeFlags.Pre) != 0) preState.Accounts[address] = seen;
            }
            for (uint k = c.StorageReadCount[i]; k > 0; k--)
            {
                Address address = Address(Take(c.StorageReadAddress, ref cursors.StorageRead, "storage_read_address"), "storage_read_address");
                int at = cursors.StorageRead - 1;
                var cell = new StorageCell(address, Word(Take(c.StorageReadSlot, at, "storage_read_slot"), "storage_read_slot"));
                UInt256 seen = storageReadValues.Next();
                if (at >= storageReadPre.Length) throw new ProtocolException("outcomes.storage_read_pre: the column ends early");
                changes.StorageReads[cell] = seen;
                if (storageReadPre[at] != 0) preState.Storage[cell] = seen;
            }
            for (uint k = c.PresenceReadCount[i]; k > 0; k--)
            {
                Address address = Address(Take(c.PresenceReadAddress, ref cursors.PresenceRead, "presence_read_address"), "presence_read_address");
                uint readFlags = Take(c.PresenceReadFlags, cursors.PresenceRead - 1, "presence_read_flags");
                bool has = (readFlags & OutcomeFlags.HasStorage) != 0;
                changes.StoragePresenceReads[address] = has;
                if ((readFlags & OutcomeFlags.Pre) != 0) preState.StoragePresence[address] = has;
            }
            read.Add(((int)c.Index[i], new SpeculativeOutcome(result, changes)));
        }

        feeCredits.End();
        accountWriteBalances.End();
        storageWriteValues.End();
        accountReadBalances.End();
        storageReadValues.End();
        cursors.CheckAllRead(c, storageReadPre.Length);
        return read;
    }

    private LogEntry[] ReadLogs(OutcomeColumns c, int count, ref Cursors cursors)
    {
        if (count == 0) return [];
        var logs = new LogEntry[count];
        for (int l = 0; l < count; l++)
        {
            Address address = Address(Take(c.LogAddress, ref cursors.Log, "log_address"), "log_address");
            int at = cursors.Log - 1;
            var topics = new Hash256[Take(c.LogTopicCount, at, "log_topic_count")];
            for (int t = 0; t < topics.Length; t++) topics[t] = Hash256.FromWord(Word(Take(c.LogTopic, ref cursors.LogTopic, "log_topic"), "log_topic"));
            logs[l] = new LogEntry(address, topics, Take(c.LogData, at, "log_data").ToByteArray());
        }
        return logs;
    }

    /// <summary>Where each item column has been read to.</summary>
    private struct Cursors
    {
        public int ErrorDetail, ContractAddress, DeferredRecipient, Log, LogTopic, AccountWrite, StorageWrite, NewCode,
            AccountRead, ExistingAccountRead, StorageRead, PresenceRead;

        public readonly void CheckAllRead(OutcomeColumns c, int storageReadPre)
        {
            foreach (var (read, length, field) in new[]
            {
                (ErrorDetail, c.ErrorDetail.Count, "error_detail"), (ContractAddress, c.ContractAddress.Count, "contract_address"),
                (DeferredRecipient, c.DeferredRecipient.Count, "deferred_recipient"), (Log, c.LogAddress.Count, "log_address"),
                (Log, c.LogTopicCount.Count, "log_topic_count"), (Log, c.LogData.Count, "log_data"), (LogTopic, c.LogTopic.Count, "log_topic"),
                (AccountWrite, c.AccountWriteAddress.Count, "account_write_address"), (AccountWrite, c.AccountWriteNonce.Count, "account_write_nonce"),
                (AccountWrite, c.AccountWriteDeletion.Count, "account_write_deletion"), (AccountWrite, c.AccountWriteCode.Count, "account_write_code"),
                (StorageWrite, c.StorageWriteAddress.Count, "storage_write_address"), (StorageWrite, c.StorageWriteSlot.Count, "storage_write_slot"),
                (NewCode, c.NewCode.Count, "new_code"), (AccountRead, c.AccountReadAddress.Count, "account_read_address"),
                (AccountRead, c.AccountReadFlags.Count, "account_read_flags"), (ExistingAccountRead, c.AccountReadNonce.Count, "account_read_nonce"),
                (ExistingAccountRead, c.AccountReadCode.Count, "account_read_code"), (StorageRead, c.StorageReadAddress.Count, "storage_read_address"),
                (StorageRead, c.StorageReadSlot.Count, "storage_read_slot"), (StorageRead, storageReadPre, "storage_read_pre"),
                (PresenceRead, c.PresenceReadAddress.Count, "presence_read_address"), (PresenceRead, c.PresenceReadFlags.Count, "presence_read_flags"),
            })
            {
                if (read != length) throw new ProtocolException($"outcomes.{field}: {length} entries, the outcomes' counts name {read}");
            }
        }
    }

    private static T Take<T>(RepeatedField<T> column, ref int position, string field)
    {
        T value = Take(column, position, field);
        position++;
        return value;
    }

    private static T Take<T>(RepeatedField<T> column, int position, string field) =>
        position < column.Count ? column[position] : throw new ProtocolException($"outcomes.{field}: the column ends early, at entry {position}");

    private Hash256 Code(uint code, string field) => code == 0 ? Keccak256.OfEmpty : Hash256.FromWord(Word(code - 1, field));

    private Address Address(uint index, string field) =>
        index < _addresses.Length ? _addresses[index] : throw new ProtocolException($"{field}: index {index} is outside the batch's {_addresses.Length} addresses");

    private UInt256 Word(uint index, string field) =>
        index < _words.Length ? _words[index] : throw new ProtocolException($"{field}: index {index} is outside the batch's {_words.Length} words");
}
