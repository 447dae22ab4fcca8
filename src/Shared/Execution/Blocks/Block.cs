using EvmCluster.Evm.Core;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Blocks;

/// <summary>A full block: header, transactions, uncle headers and, from Shanghai on, withdrawals.</summary>
/// <param name="Header">The header.</param>
/// <param name="Transactions">Transactions in block order, signatures not yet checked.</param>
/// <param name="Uncles">Uncle (ommer) headers; empty after the merge.</param>
/// <param name="Withdrawals">Withdrawals (Shanghai on); null before, when the body has no such list.</param>
public sealed record Block(BlockHeader Header, IReadOnlyList<SignedTransaction> Transactions, IReadOnlyList<BlockHeader> Uncles, IReadOnlyList<Withdrawal>? Withdrawals)
{
    /// <summary>The block hash (the header's).</summary>
    public Hash256 Hash => Header.Hash;

    /// <summary>The block number.</summary>
    public long Number => Header.Number;
}
