using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;
using EvmCluster.Execution.Parallel;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>Multi-version memory under concurrent publishers: every read sees the latest earlier write, whatever the interleaving.</summary>
public class MultiVersionMemoryTests
{
    private const int Transactions = 2000, Accounts = 900, Slots = 700;
    private static readonly Address Token = Address.FromLowBytes(0xC0FFEE);

    [Theory]
    [InlineData(16)]     // far more keys than the lock-free table's slots: most go to the overflow dictionary
    [InlineData(20_000)] // all keys fit in the table
    public void Concurrent_publishes_leave_each_read_the_highest_earlier_write(int expectedKeys)
    {
        var memory = new MultiVersionMemory(Transactions + 1, expectedKeys);
        int next = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int tx = Interlocked.Increment(ref next); tx <= Transactions; tx = Interlocked.Increment(ref next))
            {
                memory.Publish(tx, ChangesOf(tx, round: 0));
                // A re-publish with fewer keys must withdraw the dropped ones.
                if (tx % 3 == 0) memory.Publish(tx, ChangesOf(tx, round: 1));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var rng = new Random(1);
        for (int check = 0; check < 3000; check++)
        {
            int reader = rng.Next(1, Transactions + 2);
            int account = rng.Next(Accounts), slot = rng.Next(Slots);

            int accountWriter = LatestWriter(reader, tx => AccountOf(tx) == account);
            Assert.Equal(accountWriter > 0, memory.TryReadAccount(Address.FromLowBytes((ulong)account + 1), reader, out AccountRecord? record));
            if (accountWriter > 0) Assert.Equal((ulong)accountWriter, record!.Value.Nonce);

            int slotWriter = LatestWriter(reader, tx => SlotOf(tx, round: tx % 3 == 0 ? 1 : 0) == slot);
            Assert.Equal(slotWriter > 0, memory.TryReadStorage(Token, new UInt256((ulong)slot), reader, out UInt256 value));
            if (slotWriter > 0) Assert.Equal(new UInt256((ulong)slotWriter), value);
        }
    }

    [Fact]
    public void A_cell_is_never_written_until_some_index_publishes_it_and_stays_written_after_a_withdrawal()
    {
        var memory = new MultiVersionMemory(10, 64);
        var cell = new StorageCell(Token, new UInt256(5));
        var other = new StorageCell(Token, new UInt256(6));
        Assert.True(memory.NeverWritten(cell));

        memory.Publish(3, Writes(cell));
        Assert.False(memory.NeverWritten(cell));
        Assert.True(memory.NeverWritten(other));

        // Re-published without the cell: a reader may have seen the withdrawn value, so it does not count as never written.
        memory.Publish(3, new StateChanges());
        Assert.False(memory.NeverWritten(cell));
    }

    [Fact]
    public void No_cell_is_never_written_once_an_account_lost_its_storage()
    {
        var memory = new MultiVersionMemory(10, 64);
        var cell = new StorageCell(Token, new UInt256(5));
        var deletion = new StateChanges();
        deletion.Accounts.Add(new AccountWrite(Address.FromLowBytes(77), AccountRecord.Empty, AccountDeletion.Destroyed));
        memory.Publish(2, deletion);
        Assert.False(memory.NeverWritten(cell));
    }

    private static StateChanges Writes(StorageCell cell)
    {
        var changes = new StateChanges();
        changes.Storage.Add(new StorageWrite(cell, UInt256.One));
        return changes;
    }

    private static int LatestWriter(int reader, Func<int, bool> writes)
    {
        for (int tx = reader - 1; tx >= 1; tx--)
            if (writes(tx)) return tx;
        return 0;
    }

    private static int AccountOf(int tx) => tx * 7 % Accounts;

    /// <summary>The slot a transaction writes: the re-publish moves some transactions to another slot, or to none (-1).</summary>
    private static int SlotOf(int tx, int round) => round == 0 ? tx * 13 % Slots : tx % 2 == 0 ? -1 : tx * 17 % Slots;

    private static StateChanges ChangesOf(int tx, int round)
    {
        var changes = new StateChanges();
        changes.Accounts.Add(new AccountWrite(Address.FromLowBytes((ulong)AccountOf(tx) + 1), new AccountRecord((ulong)tx, UInt256.Zero, AccountRecord.Empty.CodeHash), AccountDeletion.None));
        int slot = SlotOf(tx, round);
        if (slot >= 0) changes.Storage.Add(new StorageWrite(new StorageCell(Token, new UInt256((ulong)slot)), new UInt256((ulong)tx)));
        return changes;
    }
}
