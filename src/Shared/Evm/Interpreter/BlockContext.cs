using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter;

/// <summary>The block environment every transaction of a block sees.</summary>
public sealed class BlockContext
{
    public required ReleaseSpec Spec { get; init; }
    public required Address Coinbase { get; init; }
    public required long Number { get; init; }
    public required ulong Timestamp { get; init; }
    public required long GasLimit { get; init; }
    public UInt256 BaseFee { get; init; }
    public UInt256 Difficulty { get; init; }
    /// <summary>EIP-4399: the beacon chain's randomness, served by PREVRANDAO (the old DIFFICULTY).</summary>
    public Hash256 PrevRandao { get; init; }
    public UInt256 ChainId { get; init; } = 1;
    public UInt256 BlobBaseFee { get; init; } = 1;
    public IBlockHashSource? BlockHashes { get; init; }
}

/// <summary>What one transaction adds to the environment: ORIGIN, GASPRICE, BLOBHASH.</summary>
public readonly record struct TxContext(Address Origin, UInt256 GasPrice, Hash256[] BlobVersionedHashes);
