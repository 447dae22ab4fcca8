using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;
using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// The commitments a header makes to its body: the transactions, receipts and withdrawals tries (each keyed
/// by rlp(index), valued by the item's canonical encoding) and the ommers hash.
/// </summary>
public static class BlockRoots
{
    /// <summary>Root of the transactions trie (values: <see cref="SignedTransaction.Encoded"/>).</summary>
    public static Hash256 TransactionsRoot(IReadOnlyList<SignedTransaction> transactions) =>
        PatriciaTrie.ComputeListRoot([.. transactions.Select(t => t.Encoded)]);

    /// <summary>
    /// Root of the receipts trie (values: typed receipts carry their type byte); the receipts are encoded
    /// and the trie built on up to <paramref name="threads"/> threads. <paramref name="hashedChunks"/>, when given,
    /// holds the parts of the trie hashed already while the block ran.
    /// </summary>
    public static Hash256 ReceiptsRoot(IReadOnlyList<Receipt> receipts, int threads = 1, ListRootChunks? hashedChunks = null) =>
        // With no chunks hashed beforehand, every receipt is simply encoded and the whole trie built here.
        (hashedChunks ?? new ListRootChunks(receipts.Count)).Root(i => ReceiptCodec.Encode(receipts[i]), threads);

    /// <summary>Root of the withdrawals trie (EIP-4895).</summary>
    public static Hash256 WithdrawalsRoot(IReadOnlyList<Withdrawal> withdrawals) =>
        PatriciaTrie.ComputeListRoot([.. withdrawals.Select(w => w.Encode())]);

    /// <summary>keccak(rlp(list of uncle headers)); keccak(0xc0) for none.</summary>
    public static Hash256 OmmersHash(IReadOnlyList<BlockHeader> uncles)
    {
        if (uncles.Count == 0) return Keccak256.OfEmptyList;
        var writer = new RlpWriter(600 * uncles.Count);
        writer.StartList();
        foreach (BlockHeader uncle in uncles) BlockHeaderCodec.Write(writer, uncle);
        writer.EndList();
        return Keccak256.Compute(writer.WrittenSpan);
    }

    /// <summary>The block's bloom: the or of its receipts' blooms.</summary>
    public static Bloom LogsBloom(IReadOnlyList<Receipt> receipts) => Bloom.Combine(receipts.Select(r => r.Bloom));
}
