using System.Globalization;
using System.Text;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Trie;
using EvmCluster.Protocol.Sharding;

namespace EvmCluster.Worker.Tests;

/// <summary>Accounts of chosen shards, random values, and expectations computed without <see cref="Shards.ShardState"/>.</summary>
internal static class ShardFixtures
{
    public static Address RandomAddress(Random rng)
    {
        var bytes = new byte[Address.Size];
        rng.NextBytes(bytes);
        return new Address(bytes);
    }

    /// <summary>Distinct random addresses whose keccak starts with <paramref name="shard"/>.</summary>
    public static List<Address> AddressesOf(int shard, int count, Random rng)
    {
        var found = new List<Address>(count);
        while (found.Count < count)
        {
            Address address = RandomAddress(rng);
            if (ShardKeys.ShardOf(address) == shard && !found.Contains(address)) found.Add(address);
        }
        return found;
    }

    public static Address AddressNotOf(int shard, Random rng)
    {
        while (true)
        {
            Address address = RandomAddress(rng);
            if (ShardKeys.ShardOf(address) != shard) return address;
        }
    }

    public static Hash256 RandomHash(Random rng)
    {
        var bytes = new byte[32];
        rng.NextBytes(bytes);
        return new Hash256(bytes);
    }

    public static Hash256 Block(int n) => Keccak256.Compute(BitConverter.GetBytes(n));

    public static AccountRecord RandomAccount(Random rng) => new(
        (ulong)rng.Next(0, 1000),
        new UInt256((ulong)rng.NextInt64(), rng.Next(2) == 0 ? 0 : (ulong)rng.NextInt64()),
        rng.Next(3) == 0 ? Keccak256.OfEmpty : RandomHash(rng));

    /// <summary>A non-zero word.</summary>
    public static UInt256 RandomWord(Random rng) => new((ulong)rng.NextInt64(1, long.MaxValue), rng.Next(2) == 0 ? 0 : (ulong)rng.NextInt64());

    /// <summary>Slots from a small range, so writes hit existing slots often.</summary>
    public static UInt256 RandomSlot(Random rng) => new((ulong)rng.Next(0, 8));

    /// <summary>Every address an account with a random record; every other one also 1–5 storage slots.</summary>
    public static InMemoryState Genesis(IEnumerable<Address> addresses, Random rng)
    {
        var state = new InMemoryState();
        int i = 0;
        foreach (Address address in addresses)
        {
            state.SetAccount(address, RandomAccount(rng));
            if (i++ % 2 == 0)
            {
                int slots = rng.Next(1, 6);
                for (int s = 0; s < slots; s++) state.SetStorage(address, RandomSlot(rng), RandomWord(rng));
            }
        }
        return state;
    }

    /// <summary>The subtree of a world state built from scratch over a copy of <paramref name="flat"/>.</summary>
    public static TrieSubtree FreshSubtree(InMemoryState flat) => new WorldState(flat.Clone()).AccountSubtree(ShardKeys.PrefixNibbles);

    /// <summary>The subtree a world state over a copy of <paramref name="before"/> has after committing <paramref name="writes"/>, and that state.</summary>
    public static (TrieSubtree Subtree, InMemoryState Flat) Committed(InMemoryState before, BlockState writes)
    {
        var world = new WorldState(before.Clone());
        // Hash first, so the commit goes through the incremental path.
        world.AccountSubtree(ShardKeys.PrefixNibbles);
        world.Commit(writes);
        return (world.AccountSubtree(ShardKeys.PrefixNibbles), world.Flat);
    }

    /// <summary>Checks a shard's subtree against the state root computed from scratch over its flat state.</summary>
    public static void AssertRootOf(int shard, TrieSubtree subtree, InMemoryState flat) =>
        Assert.Equal(StateRootCalculator.Compute(flat), TrieComposer.ComposeRoot(new Dictionary<int, TrieSubtree> { [shard] = subtree }, ShardKeys.PrefixNibbles));

    /// <summary>
    /// Every value of a flat state that a reader can see, as text: each account (or its absence), its
    /// non-zero storage in slot order, and its storage presence, for every address of <paramref name="universe"/>
    /// and every address the state holds.
    /// </summary>
    public static string Snapshot(InMemoryState flat, IEnumerable<Address> universe)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"accounts {flat.Accounts.Count}\n");
        foreach (Address address in universe.Concat(flat.Accounts.Keys).Distinct().Order())
        {
            text.Append(address.ToString()).Append(' ');
            text.Append(flat.TryGetAccount(address, out AccountRecord record) ? $"{record.Nonce}/{record.Balance.ToHexString()}/{record.CodeHash}" : "absent");
            text.Append(flat.HasStorage(address) ? " has-storage" : " no-storage");
            foreach (var (slot, value) in flat.StorageOf(address).OrderBy(s => s.Key))
                text.Append(' ').Append(slot.ToHexString()).Append('=').Append(value.ToHexString());
            text.Append('\n');
        }
        return text.ToString();
    }
}
