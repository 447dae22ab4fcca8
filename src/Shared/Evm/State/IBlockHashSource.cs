using EvmCluster.Evm.Core;

namespace EvmCluster.Evm.State;

/// <summary>Hashes of recent blocks for BLOCKHASH; immutable during a block, so never part of a read set.</summary>
public interface IBlockHashSource
{
    /// <summary>The hash of block <paramref name="number"/>, or null when unknown.</summary>
    Hash256? GetBlockHash(long number);
}
