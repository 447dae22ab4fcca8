using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Distributed;

namespace EvmCluster.Coordinator.Cluster;

/// <summary>
/// Predicts the mapping slots a call will touch. Solidity keeps <c>mapping[key]</c> of the mapping
/// declared at slot p in keccak256(pad32(key) ‖ pad32(p)); when a contract call's reads match that
/// shape with the key taken from the sender or a calldata word, the rule (contract, key source, p) is
/// learned for the call's contract and selector (nested mappings, <c>m[a][b]</c>, likewise), and later calls get those slots prefetched and
/// planned together. The mapping's contract is either fixed or itself named by a calldata word (a router
/// moving the caller's balance in the token its path names). A wrong prediction costs a wasted read,
/// never a wrong result.
/// </summary>
public sealed class SlotPredictor
{
    private const int MaxMappingSlot = 16;
    private const int CalldataWords = 4;
    private const int SamplesPerCallPerBlock = 32;
    private const int MaxRulesPerCall = 8;
    private const int ContractWords = 8;

    /// <summary>
    /// Key sources: -2 the called contract, -1 the sender, 0.. a calldata word after the selector.
    /// <see cref="Inner"/> ≥ −2 makes it a nested mapping, <c>m[outer][inner]</c>; <see cref="NoInner"/> a plain one.
    /// <see cref="ContractWord"/> ≥ 0 takes the contract from that calldata word; <see cref="Fixed"/> uses <see cref="Contract"/>.
    /// </summary>
    /// <see cref="Written"/>: the learned call also wrote the cell (a cell only read does not make calls conflict).
    private readonly record struct Rule(Address Contract, int ContractWord, int Source, int MappingSlot, int Inner, bool Written);

    private const int NoInner = int.MinValue;
    private const int Fixed = int.MinValue;

    private readonly Dictionary<(Address To, uint Selector), HashSet<Rule>> _rules = [];

    /// <summary>The cells <paramref name="tx"/> is predicted to touch, each with whether the learned calls also wrote it.</summary>
    public IEnumerable<PredictedCell> Predict(Transaction tx)
    {
        if (CallKey(tx) is not { } key || !_rules.TryGetValue(key, out HashSet<Rule>? rules)) yield break;
        foreach (Rule rule in rules)
        {
            Address contract = rule.Contract;
            if (rule.ContractWord != Fixed)
            {
                if (AddressWord(tx, rule.ContractWord) is not { } named) continue;
                contract = named;
            }
            if (KeyWord(tx, rule.Source) is not { } word) continue;
            UInt256 slot = MappingSlot(word, rule.MappingSlot);
            if (rule.Inner != NoInner)
            {
                if (KeyWord(tx, rule.Inner) is not { } inner) continue;
                slot = MappingSlot(inner, slot);
            }
            yield return new PredictedCell(new StorageCell(contract, slot), rule.Written);
        }
    }

    public void Learn(IReadOnlyList<Transaction> transactions, IReadOnlyList<SpeculativeOutcome?> outcomes)
    {
        var sampled = new Dictionary<(Address, uint), int>();
        for (int i = 0; i < transactions.Count; i++)
        {
            Transaction tx = transactions[i];
            if (CallKey(tx) is not { } key || outcomes[i]?.Changes is not { } changes || changes.StorageReads.Count == 0) continue;
            int samples = sampled.GetValueOrDefault(key);
            if (samples >= SamplesPerCallPerBlock) continue;
            sampled[key] = samples + 1;

            var candidates = new Dictionary<UInt256, (int Source, int Slot, int Inner)>();
            for (int source = -2; source < CalldataWords; source++)
            {
                if (KeyWord(tx, source) is not { } word) continue;
                for (int p = 0; p < MaxMappingSlot; p++)
                {
                    UInt256 outer = MappingSlot(word, p);
                    candidates.TryAdd(outer, (source, p, NoInner));
                    for (int inner = -2; inner < CalldataWords; inner++)
                        if (KeyWord(tx, inner) is { } innerWord) candidates.TryAdd(MappingSlot(innerWord, outer), (source, p, inner));
                }
            }
            if (!_rules.TryGetValue(key, out HashSet<Rule>? rules)) rules = [];
            var written = changes.Storage.Select(w => w.Cell).ToHashSet();
            foreach (StorageCell cell in changes.StorageReads.Keys)
            {
                if (rules.Count >= MaxRulesPerCall || !candidates.TryGetValue(cell.Slot, out var match)) continue;
                bool write = written.Contains(cell);
                Rule rule = ContractWordOf(tx, cell.Address) is { } j
                    ? new Rule(default, j, match.Source, match.Slot, match.Inner, write)
                    : new Rule(cell.Address, Fixed, match.Source, match.Slot, match.Inner, write);
                // Once seen written, a rule stays a write rule.
                if (!write && rules.Contains(rule with { Written = true })) continue;
                rules.Remove(rule with { Written = false });
                rules.Add(rule);
            }
            if (rules.Count > 0) _rules[key] = rules;
        }
    }

    public void Forget() => _rules.Clear();

    internal static (Address, uint)? CallKey(Transaction tx) =>
        tx.To is { } to && tx.Data.Length >= 4 ? (to, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(tx.Data)) : null;

    private static byte[]? KeyWord(Transaction tx, int source)
    {
        var word = new byte[32];
        if (source < 0)
        {
            Address? address = source == -1 ? tx.Sender : tx.To;
            if (address is not { } a) return null;
            a.WriteTo(word.AsSpan(12));
            return word;
        }
        int start = 4 + 32 * source;
        if (tx.Data.Length < start + 32) return null;
        tx.Data.AsSpan(start, 32).CopyTo(word);
        return word;
    }

    /// <summary>The calldata word naming <paramref name="contract"/>, unless it is the called contract itself (then the rule stays fixed).</summary>
    private static int? ContractWordOf(Transaction tx, Address contract)
    {
        if (tx.To == contract) return null;
        for (int j = 0; j < ContractWords; j++)
            if (AddressWord(tx, j) == contract) return j;
        return null;
    }

    private static Address? AddressWord(Transaction tx, int j)
    {
        int start = 4 + 32 * j;
        if (tx.Data.Length < start + 32) return null;
        ReadOnlySpan<byte> word = tx.Data.AsSpan(start, 32);
        return word[..12].IndexOfAnyExcept((byte)0) < 0 ? new Address(word[12..]) : null;
    }

    private static UInt256 MappingSlot(byte[] key, int mappingSlot) => MappingSlot(key, new UInt256((ulong)mappingSlot));

    private static UInt256 MappingSlot(byte[] key, in UInt256 mappingSlot)
    {
        Span<byte> preimage = stackalloc byte[64];
        key.CopyTo(preimage);
        mappingSlot.ToBigEndian(preimage[32..]);
        return Keccak256.Compute(preimage).ToWord();
    }
}
