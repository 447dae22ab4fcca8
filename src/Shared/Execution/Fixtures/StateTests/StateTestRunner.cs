using EvmCluster.Evm.Core;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures.StateTests;

/// <summary>The verdict on one state-test case; <see cref="Failure"/> says what differed.</summary>
public sealed record StateTestOutcome(StateTestCase Case, string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// Runs state-test cases: builds the transaction's pre-state, executes it, and compares the post-state
/// root and logs hash (or, for invalid transactions, the expected error and an unchanged state).
/// One runner per thread; the thread needs <see cref="Evm.Interpreter.VirtualMachine.RequiredStackSize"/>.
/// </summary>
public sealed class StateTestRunner
{
    private readonly TransactionProcessor _processor = new();

    public StateTestOutcome Run(StateTestCase c)
    {
        try
        {
            return new StateTestOutcome(c, Check(c));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new StateTestOutcome(c, $"crashed: {e.GetType().Name}: {e.Message}");
        }
    }

    private string? Check(StateTestCase c)
    {
        if (c.Transaction is null)
            return c.ExpectException is null ? $"transaction cannot be built: {c.TransactionProblem}" : CompareRoot(c, c.Pre);

        var state = new TransactionState(c.Pre);
        TransactionResult result = _processor.Execute(c.Transaction, c.Block, state);
        if (!result.IsValid)
        {
            if (c.ExpectException is null) return $"transaction rejected ({result.Error}: {result.ErrorDetail}) but the test expects it to run";
            if (!ExpectedExceptions.Matches(c.ExpectException, result.Error))
                return $"expected {c.ExpectException}, got {result.Error} ({result.ErrorDetail})";
            return CompareRoot(c, c.Pre);
        }
        if (c.ExpectException is not null) return $"expected {c.ExpectException}, but the transaction was valid";

        StateChanges changes = new();
        state.Finish(c.Block.Spec.ClearEmptyAccounts, changes);
        InMemoryState post = c.Pre.Clone();
        post.Apply(changes);
        string? rootFailure = CompareRoot(c, post);
        if (rootFailure is not null) return rootFailure;
        Hash256 logsHash = LogEncoding.Hash(result.Logs);
        return logsHash == c.ExpectedLogsHash ? null : $"logs hash: expected {c.ExpectedLogsHash}, got {logsHash}";
    }

    private static string? CompareRoot(StateTestCase c, InMemoryState state)
    {
        Hash256 root = StateRootCalculator.Compute(state);
        return root == c.ExpectedRoot ? null : $"state root: expected {c.ExpectedRoot}, got {root}";
    }
}
