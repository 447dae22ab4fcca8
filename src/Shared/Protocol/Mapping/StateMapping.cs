using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using static EvmCluster.Protocol.Mapping.Values;

namespace EvmCluster.Protocol.Mapping;

/// <summary>Accounts, read sets, write sets and trie pieces on the wire.</summary>
public static class StateMapping
{
    public static Account ToProto(in AccountRecord record) => new()
    {
        Nonce = record.Nonce, Balance = Bytes(record.Balance), CodeHash = Bytes(record.CodeHash),
    };

    public static AccountRecord FromProto(Account account, string field) =>
        new(account.Nonce, ToUInt256(account.Balance, field + ".balance"), ToHash(account.CodeHash, field + ".code_hash"));

    public static AccountValue AccountValue(Address address, AccountRecord? record) => new()
    {
        Address = Bytes(address), Exists = record.HasValue, Account = record is { } r ? ToProto(r) : null,
    };

    public static AccountRecord? FromProto(AccountValue value, out Address address)
    {
        address = ToAddress(value.Address, "account.address");
        if (!value.Exists) return null;
        if (value.Account is null) throw new ProtocolException("account: exists but no record");
        return FromProto(value.Account, "account");
    }

    public static StorageValue StorageValue(Address address, in UInt256 slot, in UInt256 value) => new()
    {
        Address = Bytes(address), Slot = Bytes(slot), Value = Bytes(value),
    };

    public static StorageCell FromProto(StorageValue value, out UInt256 word) =>
        FromProto(value.Address, value.Slot, value.Value, out word);

    public static StorageCell FromProto(ByteString address, ByteString slot, ByteString value, out UInt256 word)
    {
        word = ToUInt256(value, "storage.value");
        return new StorageCell(ToAddress(address, "storage.address"), ToUInt256(slot, "storage.slot"));
    }

    /// <summary>One account's written slots as columns.</summary>
    public static AccountStorage ToProto(Address address, IReadOnlyDictionary<UInt256, UInt256> slots)
    {
        var slotColumn = new SlotColumnWriter(slots.Count);
        var values = new ValueColumnWriter();
        foreach (var (slot, value) in slots)
        {
            slotColumn.Add(slot);
            values.Add(value);
        }
        return new AccountStorage { Address = Bytes(address), Slots = slotColumn.ToByteString(), Values = values.ToByteString() };
    }

    /// <summary>Writes the slots of <paramref name="storage"/> into <paramref name="writes"/>; a malformed column raises <see cref="ProtocolException"/>.</summary>
    public static void AddTo(BlockState writes, AccountStorage storage)
    {
        Address address = ToAddress(storage.Address, "storage.address");
        UInt256[] slots = SlotColumnWriter.Read(storage.Slots, "storage.slots");
        var values = new ValueColumnReader(storage.Values.Span, "storage.values");
        foreach (UInt256 slot in slots) writes.SetStorage(address, slot, values.Next());
        values.End();
    }

    /// <summary>The cells <paramref name="slots"/> names; a malformed column raises <see cref="ProtocolException"/>.</summary>
    public static IEnumerable<StorageCell> FromProto(AccountSlots slots)
    {
        Address address = ToAddress(slots.Address, "prefetch_storage.address");
        return SlotColumnWriter.Read(slots.Slots, "prefetch_storage.slots").Select(slot => new StorageCell(address, slot));
    }

    public static StorageKey StorageKey(in StorageCell cell) => new() { Address = Bytes(cell.Address), Slot = Bytes(cell.Slot) };

    public static StorageCell FromProto(StorageKey key) =>
        new(ToAddress(key.Address, "storage.address"), ToUInt256(key.Slot, "storage.slot"));

    public static Subtree ToProto(TrieSubtree subtree) => new()
    {
        Kind = (uint)subtree.Kind, Path = Bytes(subtree.Path), Payload = Bytes(subtree.Payload),
    };

    public static TrieSubtree FromProto(Subtree subtree)
    {
        if (subtree.Kind > (uint)TrieSubtreeKind.Branch) throw new ProtocolException($"subtree.kind: {subtree.Kind} is not a node kind");
        var kind = (TrieSubtreeKind)subtree.Kind;
        return kind == TrieSubtreeKind.Empty ? TrieSubtree.Empty : new TrieSubtree(kind, subtree.Path.ToByteArray(), subtree.Payload.ToByteArray());
    }

    /// <summary>An account of <paramref name="state"/> with its code and storage, as a genesis entry.</summary>
    public static GenesisAccount GenesisAccount(InMemoryState state, Address address, in AccountRecord record)
    {
        var account = new GenesisAccount { Address = Bytes(address), Nonce = record.Nonce, Balance = Bytes(record.Balance) };
        if (record.CodeHash != Keccak256.OfEmpty) account.Code = Bytes(state.GetCode(record.CodeHash));
        foreach (var (slot, value) in state.StorageOf(address))
            if (!value.IsZero) account.Storage.Add(new SlotValue { Slot = Bytes(slot), Value = Bytes(value) });
        return account;
    }

    /// <summary>Adds a genesis entry to <paramref name="state"/>; returns its address.</summary>
    public static Address AddTo(InMemoryState state, GenesisAccount account)
    {
        Address address = ToAddress(account.Address, "account.address");
        var storage = new List<KeyValuePair<UInt256, UInt256>>(account.Storage.Count);
        foreach (SlotValue slot in account.Storage)
            storage.Add(new(ToUInt256(slot.Slot, $"{address}.storage.slot"), ToUInt256(slot.Value, $"{address}.storage.value")));
        state.SetAccount(address, account.Nonce, ToUInt256(account.Balance, $"{address}.balance"), account.Code.ToByteArray(), storage);
        if (account.Code.IsEmpty && !account.CodeHash.IsEmpty && state.TryGetAccount(address, out AccountRecord record))
            state.SetAccount(address, record with { CodeHash = ToHash(account.CodeHash, $"{address}.code_hash") });
        return address;
    }
}
