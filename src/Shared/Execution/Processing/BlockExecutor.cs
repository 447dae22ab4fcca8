using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Processing;

/// <summary>
/// The sequential reference: runs a block's system call, transactions, withdrawals and rewards one
/// after another over a <see cref="BlockState"/>. Every other execution mode is tested against it.
/// Call from a thread with <see cref="VirtualMachine.RequiredStackSize"/>.
/// </summary>
public sealed class BlockExecutor
{
    private static readonly UInt256 GweiToWei = 1_000_000_000;

    private readonly TransactionProcessor _processor = new();
    private readonly TransactionState _txState = new(new InMemoryState());
    private readonly StateChanges _changes = new();

    /// <summary>
    /// Executes <paramref name="transactions"/> (senders recovered) on <paramref name="world"/>. The writes
    /// stay in the returned <see cref="BlockResult.Changes"/> unless the fork needs per-transaction state
    /// roots (before Byzantium), in which case they are committed as the block runs.
    /// </summary>
    public BlockResult Execute(BlockContext context, BlockHeader header, IReadOnlyList<Transaction> transactions,
        IReadOnlyList<BlockHeader> uncles, IReadOnlyList<Withdrawal>? withdrawals, WorldState world)
    {
        ReleaseSpec spec = context.Spec;
        var block = new BlockState(world);
        if (spec.IsEip4788Enabled && header.ParentBeaconBlockRoot is { } beaconRoot)
        {
            _txState.Reset(block);
            _processor.SystemCall(SystemContracts.SystemAddress, SystemContracts.BeaconRoots, beaconRoot.ToArray(),
                SystemContracts.SystemCallGas, context, _txState);
            Commit(block, spec);
        }

        var receipts = new List<Receipt>(transactions.Count);
        var results = new List<TransactionResult>(transactions.Count);
        long gasUsed = 0;
        ulong blobGasUsed = 0;
        for (int i = 0; i < transactions.Count; i++)
        {
            Transaction tx = transactions[i];
            if (tx.GasLimit > (ulong)(context.GasLimit - gasUsed))
                throw new InvalidBlockException($"transaction {i}: gas limit {tx.GasLimit} exceeds the block's remaining gas {context.GasLimit - gasUsed}");
            blobGasUsed += tx.BlobGas;
            if (blobGasUsed > ReleaseSpec.MaxBlobsPerBlock * ReleaseSpec.BlobGasPerBlob)
                throw new InvalidBlockException($"transaction {i}: blob gas {blobGasUsed} exceeds the block maximum");

            _txState.Reset(block);
            TransactionResult result = _processor.Execute(tx, context, _txState);
            if (!result.IsValid)
                throw new InvalidBlockException($"transaction {i} ({tx.Hash}): {result.Error}: {result.ErrorDetail}");
            Commit(block, spec);
            gasUsed += result.GasUsed;

            Hash256? postState = null;
            if (!spec.IsEip658Enabled)
            {
                world.Commit(block);
                block.Clear();
                postState = world.StateRoot;
            }
            receipts.Add(new Receipt(tx.Type, result.Succeeded, postState, gasUsed, Bloom.FromLogs(result.Logs), result.Logs));
            results.Add(result);
        }

        if (withdrawals is not null)
        {
            foreach (Withdrawal w in withdrawals) Credit(block, spec, w.Address, GweiToWei * w.AmountGwei);
        }
        UInt256 minerReward = BlockRewards.MinerReward(spec, uncles.Count);
        if (!minerReward.IsZero)
        {
            Credit(block, spec, header.Beneficiary, minerReward);
            foreach (BlockHeader uncle in uncles)
                Credit(block, spec, uncle.Beneficiary, BlockRewards.UncleReward(spec, header.Number, uncle.Number));
        }

        return new BlockResult
        {
            Receipts = receipts,
            Transactions = results,
            GasUsed = gasUsed,
            BlobGasUsed = blobGasUsed,
            LogsBloom = Bloom.Combine(receipts.Select(r => r.Bloom)),
            ReceiptsRoot = BlockRoots.ReceiptsRoot(receipts),
            Changes = block,
        };
    }

    private void Commit(BlockState block, ReleaseSpec spec)
    {
        _changes.Accounts.Clear();
        _changes.Storage.Clear();
        _changes.NewCode.Clear();
        _changes.AccountReads.Clear();
        _changes.StorageReads.Clear();
        _txState.Finish(spec.ClearEmptyAccounts, _changes);
        block.Apply(_changes);
    }

    /// <summary>A protocol credit (withdrawal, reward): like a transfer from nowhere, with EIP-161 cleanup.</summary>
    private void Credit(BlockState block, ReleaseSpec spec, Address address, UInt256 amount)
    {
        _txState.Reset(block);
        _txState.AddBalance(address, in amount);
        Commit(block, spec);
    }
}
