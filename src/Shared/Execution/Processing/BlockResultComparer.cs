using EvmCluster.Execution.Blocks;

namespace EvmCluster.Execution.Processing;

/// <summary>Checks an execution result against the header that claims it.</summary>
public static class BlockResultComparer
{
    /// <summary>Null when gas, blob gas, bloom, receipts root and state root all match.</summary>
    public static string? Compare(BlockHeader header, BlockResult result, bool checkReceiptsRoot = true, bool checkStateRoot = true)
    {
        if (result.GasUsed != header.GasUsed) return $"gas used {result.GasUsed}, header says {header.GasUsed}";
        if (header.BlobGasUsed is { } blobGas && result.BlobGasUsed != blobGas) return $"blob gas used {result.BlobGasUsed}, header says {blobGas}";
        if (!result.LogsBloom.Equals(header.LogsBloom)) return "logs bloom differs from the header's";
        if (checkReceiptsRoot && result.ReceiptsRoot != header.ReceiptsRoot) return $"receipts root {result.ReceiptsRoot}, header says {header.ReceiptsRoot}";
        if (checkStateRoot && result.StateRoot != header.StateRoot) return $"state root {result.StateRoot}, header says {header.StateRoot}";
        return null;
    }
}
