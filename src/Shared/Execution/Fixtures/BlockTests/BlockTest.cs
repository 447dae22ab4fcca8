using EvmCluster.Evm.Core;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures.BlockTests;

/// <summary>One Ethereum BlockchainTest: a pre-state, a genesis header and blocks whose RLP is authoritative.</summary>
public sealed record BlockTest(
    string File,
    string Name,
    ReleaseSpec Spec,
    InMemoryState Pre,
    BlockHeader Genesis,
    IReadOnlyList<BlockTestBlock> Blocks,
    InMemoryState? PostState,
    Hash256? LastBlockHash);

/// <summary>A block of a test: its RLP and the header the fixture expects (absent for blocks meant to be rejected).</summary>
public sealed record BlockTestBlock(byte[] Rlp, BlockHeader? ExpectedHeader, string? ExpectException);
