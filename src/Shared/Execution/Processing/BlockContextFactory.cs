using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;

namespace EvmCluster.Execution.Processing;

/// <summary>The EVM's view of a block, from its header.</summary>
public static class BlockContextFactory
{
    public static BlockContext From(BlockHeader header, ReleaseSpec spec, UInt256 chainId, IBlockHashSource? blockHashes) => new()
    {
        Spec = spec,
        Coinbase = header.Beneficiary,
        Number = header.Number,
        Timestamp = header.Timestamp,
        GasLimit = header.GasLimit,
        BaseFee = header.BaseFeePerGas ?? UInt256.Zero,
        Difficulty = header.Difficulty,
        PrevRandao = header.MixHash,
        ChainId = chainId,
        BlobBaseFee = BlobGas.BaseFee(header.ExcessBlobGas ?? 0),
        BlockHashes = blockHashes,
    };
}
