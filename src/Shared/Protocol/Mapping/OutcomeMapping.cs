using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;
using EvmCluster.Protocol.V1;
using static EvmCluster.Protocol.Mapping.Values;

namespace EvmCluster.Protocol.Mapping;

/// <summary>A worker's per-transaction outcome (result, read set, write set) on the wire.</summary>
public static class OutcomeMapping
{
    public static TransactionOutcome ToProto(int index, SpeculativeOutcome outcome)
    {
        TransactionResult result = outcome.Result;
        var message = new TransactionOutcome
        {
            Index = (uint)index, Usable = outcome.IsUsable, Status = (uint)result.Status, GasUsed = (ulong)result.GasUsed,
            FeeCredit = Bytes(result.FeeCredit), Error = (uint)result.Error, ErrorDetail = result.ErrorDetail ?? "",
            Output = Bytes(result.Output),
        };
        if (result.ContractAddress is { } created) message.ContractAddress = Bytes(created);
        if (result.DeferredRecipient is { } recipient) message.DeferredRecipient = Bytes(recipient);
        foreach (LogEntry log in result.Logs) message.Logs.Add(LogMapping.ToProto(log));
        if (outcome.Changes is not { } changes) return message;

        foreach (AccountWrite write in changes.Accounts)
            message.AccountWrites.Add(new AccountWriteValue { Address = Bytes(write.Address), Account = StateMapping.ToProto(write.Record), Deletion = (uint)write.Deletion });
        foreach (StorageWrite write in changes.Storage)
            message.StorageWrites.Add(StateMapping.StorageValue(write.Cell.Address, write.Cell.Slot, write.Value));
        foreach (byte[] code in changes.NewCode.Values) message.NewCode.Add(Bytes(code));
        foreach (var (address, seen) in changes.AccountReads) message.AccountReads.Add(StateMapping.AccountValue(address, seen));
        foreach (var (cell, seen) in changes.StorageReads) message.StorageReads.Add(StateMapping.StorageValue(cell.Address, cell.Slot, seen));
        foreach (var (address, seen) in changes.StoragePresenceReads)
            message.PresenceReads.Add(new PresenceValue { Address = Bytes(address), HasStorage = seen });
        return message;
    }

    public static SpeculativeOutcome FromProto(TransactionOutcome message)
    {
        var result = new TransactionResult
        {
            Error = (TransactionError)message.Error,
            ErrorDetail = message.ErrorDetail.Length == 0 ? null : message.ErrorDetail,
            Status = (EvmStatus)message.Status,
            GasUsed = (long)message.GasUsed,
            Logs = message.Logs.Select(LogMapping.FromProto).ToArray(),
            ContractAddress = message.ContractAddress.IsEmpty ? null : ToAddress(message.ContractAddress, "contract_address"),
            Output = message.Output.ToByteArray(),
            FeeCredit = ToUInt256(message.FeeCredit, "fee_credit"),
            DeferredRecipient = message.DeferredRecipient.IsEmpty ? null : ToAddress(message.DeferredRecipient, "deferred_recipient"),
        };
        if (!message.Usable) return new SpeculativeOutcome(result, null);

        var changes = new StateChanges();
        foreach (AccountWriteValue write in message.AccountWrites)
            changes.Accounts.Add(new AccountWrite(ToAddress(write.Address, "account_writes.address"),
                StateMapping.FromProto(write.Account, "account_writes"), (AccountDeletion)write.Deletion));
        foreach (StorageValue write in message.StorageWrites)
        {
            StorageCell cell = StateMapping.FromProto(write, out UInt256 value);
            changes.Storage.Add(new StorageWrite(cell, value));
        }
        foreach (var code in message.NewCode)
        {
            byte[] bytes = code.ToByteArray();
            changes.NewCode[Keccak256.Compute(bytes)] = bytes;
        }
        foreach (AccountValue read in message.AccountReads)
        {
            AccountRecord? seen = StateMapping.FromProto(read, out Address address);
            changes.AccountReads[address] = seen;
        }
        foreach (StorageValue read in message.StorageReads)
        {
            StorageCell cell = StateMapping.FromProto(read, out UInt256 value);
            changes.StorageReads[cell] = value;
        }
        foreach (PresenceValue read in message.PresenceReads)
            changes.StoragePresenceReads[ToAddress(read.Address, "presence_reads.address")] = read.HasStorage;
        return new SpeculativeOutcome(result, changes);
    }
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
