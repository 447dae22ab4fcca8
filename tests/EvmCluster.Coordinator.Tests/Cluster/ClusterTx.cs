using System.Buffers.Binary;
using EvmCluster.Coordinator.Cluster;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;

namespace EvmCluster.Coordinator.Tests.Cluster;

/// <summary>
/// Builds transactions and worker outcomes for the planner tests, and computes Solidity mapping slots
/// by hand (not through the classes under test) so that expectations are independent of them.
/// </summary>
internal static class ClusterTx
{
    public static Address Addr(ulong n) => Address.FromLowBytes(n);

    /// <summary>An address as a calldata word: 12 zero bytes, then the 20 address bytes.</summary>
    public static byte[] Word(Address a)
    {
        var word = new byte[32];
        a.ToArray().CopyTo(word, 12);
        return word;
    }

    /// <summary>A number as a calldata word, big-endian.</summary>
    public static byte[] Word(ulong value)
    {
        var word = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(word.AsSpan(24), value);
        return word;
    }

    /// <summary>A word whose high bytes are set, so it is not address-shaped.</summary>
    public static byte[] WideWord(ulong value)
    {
        byte[] word = Word(value);
        word[0] = 0xff;
        return word;
    }

    public static byte[] Calldata(uint selector, params byte[][] words)
    {
        var data = new byte[4 + 32 * words.Length];
        BinaryPrimitives.WriteUInt32BigEndian(data, selector);
        for (int i = 0; i < words.Length; i++) words[i].CopyTo(data, 4 + 32 * i);
        return data;
    }

    public static Transaction Call(Address sender, Address to, uint selector, params byte[][] words) =>
        new() { Sender = sender, To = to, Data = Calldata(selector, words) };

    /// <summary>A plain ETH transfer: no calldata.</summary>
    public static Transaction Transfer(Address sender, Address to) => new() { Sender = sender, To = to, Value = 1 };

    public static SpeculativeOutcome Outcome(IEnumerable<StorageCell>? reads = null, IEnumerable<StorageCell>? writes = null)
    {
        var changes = new StateChanges();
        foreach (StorageCell cell in reads ?? []) changes.StorageReads[cell] = UInt256.One;
        foreach (StorageCell cell in writes ?? []) changes.Storage.Add(new StorageWrite(cell, new UInt256(2)));
        return new SpeculativeOutcome(new TransactionResult(), changes);
    }

    /// <summary>keccak256(pad32(key) ‖ pad32(p)): where Solidity keeps mapping[key] of the mapping at slot p.</summary>
    public static UInt256 MappingSlot(Address key, ulong p) => MappingSlot(Word(key), Word(p));

    /// <summary>m[a][b] of the mapping at slot p: keccak256(pad32(b) ‖ keccak256(pad32(a) ‖ pad32(p))).</summary>
    public static UInt256 NestedSlot(Address a, Address b, ulong p)
    {
        var outer = new byte[32];
        MappingSlot(a, p).ToBigEndian(outer);
        return MappingSlot(Word(b), outer);
    }

    private static UInt256 MappingSlot(byte[] key32, byte[] slot32)
    {
        var preimage = new byte[64];
        key32.CopyTo(preimage, 0);
        slot32.CopyTo(preimage, 32);
        var digest = new byte[32];
        Keccak256.Compute(preimage, digest);
        return new UInt256(digest);
    }

    public static StorageCell Cell(Address contract, UInt256 slot) => new(contract, slot);

    public static StorageCell Cell(Address contract, ulong slot) => new(contract, new UInt256(slot));

    /// <summary>Cells compared as sorted text, so a failure lists what differs.</summary>
    public static void AssertCells(IEnumerable<StorageCell> expected, IEnumerable<StorageCell> actual) =>
        Assert.Equal(expected.Select(c => c.ToString()).Order(), actual.Select(c => c.ToString()).Order());

    /// <summary>Predicted cells compared by cell alone.</summary>
    public static void AssertCells(IEnumerable<StorageCell> expected, IEnumerable<PredictedCell> actual) => AssertCells(expected, actual.Select(c => c.Cell));
}
