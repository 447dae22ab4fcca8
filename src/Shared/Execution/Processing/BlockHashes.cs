using EvmCluster.Evm.Core;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.Processing;

/// <summary>Known block hashes by number, for BLOCKHASH.</summary>
public sealed class BlockHashes : IBlockHashSource
{
    private readonly Dictionary<long, Hash256> _hashes = [];

    public void Add(long number, Hash256 hash) => _hashes[number] = hash;

    public Hash256? GetBlockHash(long number) => _hashes.TryGetValue(number, out Hash256 hash) ? hash : null;
}
