using EvmCluster.Execution.Blocks;

namespace EvmCluster.Execution.Processing;

/// <summary>Rules a block body must meet against its own header before anything executes.</summary>
public static class BlockBodyValidator
{
    public static string? Validate(Block block)
    {
        BlockHeader header = block.Header;
        var txRoot = BlockRoots.TransactionsRoot(block.Transactions);
        if (txRoot != header.TransactionsRoot) return $"transactions root {txRoot}, header says {header.TransactionsRoot}";
        var ommers = BlockRoots.OmmersHash(block.Uncles);
        if (ommers != header.OmmersHash) return $"ommers hash {ommers}, header says {header.OmmersHash}";
        if (header.WithdrawalsRoot is { } expected)
        {
            if (block.Withdrawals is null) return "header has a withdrawals root but the block has no withdrawals list";
            var root = BlockRoots.WithdrawalsRoot(block.Withdrawals);
            if (root != expected) return $"withdrawals root {root}, header says {expected}";
        }
        return null;
    }
}
