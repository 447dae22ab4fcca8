using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Fixtures.Workloads;

/// <summary>A benchmark workload: a genesis state, one block of signed transactions and the results a reference node produced.</summary>
public sealed record Workload(
    string Name,
    InMemoryState Genesis,
    BlockHeader Header,
    UInt256 ChainId,
    IReadOnlyList<SignedTransaction> Transactions,
    WorkloadExpectation Expected);

/// <summary>expected.json: what executing the block must give.</summary>
public sealed record WorkloadExpectation(
    long BlockGasUsed,
    Hash256 StateRoot,
    Hash256 ReceiptsRoot,
    Hash256 TransactionsRoot,
    Bloom LogsBloom,
    Hash256 GenesisStateRoot);
