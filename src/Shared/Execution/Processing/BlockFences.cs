using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Processing;

/// <summary>
/// The block-level state changes around the transactions — the EIP-4788 system call before them,
/// withdrawals and proof-of-work rewards after — which every execution mode runs in order, alone.
/// </summary>
public sealed class BlockFences
{
    private static readonly UInt256 GweiToWei = 1_000_000_000;

    private readonly TransactionProcessor _processor;
    private readonly TransactionState _txState = new(new InMemoryState());
    private readonly StateChanges _changes = new();

    public BlockFences(TransactionProcessor processor) => _processor = processor;

    /// <summary>EIP-4788: stores the parent beacon block root through the system contract, if the fork has it.</summary>
    public StateChanges? BeforeTransactions(BlockContext context, BlockHeader header, BlockState block)
    {
        if (!context.Spec.IsEip4788Enabled || header.ParentBeaconBlockRoot is not { } beaconRoot) return null;
        _txState.Reset(block);
        _processor.SystemCall(SystemContracts.SystemAddress, SystemContracts.BeaconRoots, beaconRoot.ToArray(),
            SystemContracts.SystemCallGas, context, _txState);
        block.Commit(_txState, context.Spec.ClearEmptyAccounts, _changes);
        return _changes;
    }

    public void AfterTransactions(BlockContext context, BlockHeader header, IReadOnlyList<BlockHeader> uncles,
        IReadOnlyList<Withdrawal>? withdrawals, BlockState block)
    {
        ReleaseSpec spec = context.Spec;
        bool clearEmpty = spec.ClearEmptyAccounts;
        if (withdrawals is not null)
        {
            foreach (Withdrawal w in withdrawals) block.Credit(w.Address, GweiToWei * w.AmountGwei, clearEmpty);
        }
        UInt256 minerReward = BlockRewards.MinerReward(spec, uncles.Count);
        if (minerReward.IsZero) return;
        block.Credit(header.Beneficiary, minerReward, clearEmpty);
        foreach (BlockHeader uncle in uncles)
            block.Credit(uncle.Beneficiary, BlockRewards.UncleReward(spec, header.Number, uncle.Number), clearEmpty);
    }
}
