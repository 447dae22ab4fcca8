using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;

namespace EvmCluster.Execution.Processing;

/// <summary>Header rules that follow from the parent alone: numbering, gas, EIP-1559 base fee, EIP-4844 excess blob gas.</summary>
public static class HeaderValidator
{
    private const long ElasticityMultiplier = 2;
    private const long BaseFeeChangeDenominator = 8;

    /// <summary>Null when valid, else what is wrong.</summary>
    public static string? Validate(BlockHeader header, BlockHeader parent, ReleaseSpec spec, ReleaseSpec parentSpec)
    {
        if (header.ParentHash != parent.Hash) return $"parent hash {header.ParentHash} is not the parent's {parent.Hash}";
        if (header.Number != parent.Number + 1) return $"number {header.Number} does not follow {parent.Number}";
        if (header.Timestamp <= parent.Timestamp) return $"timestamp {header.Timestamp} not after the parent's {parent.Timestamp}";
        if (header.GasUsed > header.GasLimit) return $"gas used {header.GasUsed} exceeds the gas limit {header.GasLimit}";
        if (spec.IsEip1559Enabled)
        {
            UInt256 expected = ExpectedBaseFee(parent, parentSpec.IsEip1559Enabled);
            if (header.BaseFeePerGas != expected) return $"base fee {header.BaseFeePerGas} should be {expected}";
        }
        if (spec.IsEip4844Enabled)
        {
            ulong expected = parentSpec.IsEip4844Enabled ? BlobGas.NextExcess(parent.ExcessBlobGas ?? 0, parent.BlobGasUsed ?? 0) : 0;
            if (header.ExcessBlobGas != expected) return $"excess blob gas {header.ExcessBlobGas} should be {expected}";
        }
        return null;
    }

    /// <summary>EIP-1559: the parent's base fee moved by up to 1/8 towards its gas target.</summary>
    public static UInt256 ExpectedBaseFee(BlockHeader parent, bool parentHasBaseFee)
    {
        if (!parentHasBaseFee) return 1_000_000_000;
        UInt256 parentFee = parent.BaseFeePerGas ?? UInt256.Zero;
        long target = parent.GasLimit / ElasticityMultiplier;
        if (parent.GasUsed == target) return parentFee;
        if (parent.GasUsed > target)
        {
            UInt256 delta = parentFee * (ulong)(parent.GasUsed - target) / (ulong)target / (ulong)BaseFeeChangeDenominator;
            return parentFee + (delta.IsZero ? UInt256.One : delta);
        }
        UInt256 decrease = parentFee * (ulong)(target - parent.GasUsed) / (ulong)target / (ulong)BaseFeeChangeDenominator;
        return parentFee - decrease;
    }
}
