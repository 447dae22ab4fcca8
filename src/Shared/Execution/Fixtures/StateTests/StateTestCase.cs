using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures.StateTests;

/// <summary>
/// One (fork, data, gas, value) case of a GeneralStateTest: a pre-state, a block environment, one
/// transaction (or why it could not be built) and the expected post-state root and logs hash.
/// </summary>
public sealed record StateTestCase
{
    public required string File { get; init; }
    public required string Test { get; init; }
    public required string Fork { get; init; }
    public required int DataIndex { get; init; }
    public required int GasIndex { get; init; }
    public required int ValueIndex { get; init; }
    public required InMemoryState Pre { get; init; }
    public required BlockContext Block { get; init; }
    /// <summary>Null when the fixture's transaction cannot be represented (e.g. a value over 256 bits).</summary>
    public Transaction? Transaction { get; init; }
    public string? TransactionProblem { get; init; }
    public required Hash256 ExpectedRoot { get; init; }
    public required Hash256 ExpectedLogsHash { get; init; }
    public string? ExpectException { get; init; }

    public string Id => $"{File} {Test} {Fork} d{DataIndex} g{GasIndex} v{ValueIndex}";
}
