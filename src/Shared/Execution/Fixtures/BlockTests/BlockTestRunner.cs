using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Fixtures.BlockTests;

/// <summary>
/// Runs a block test: imports each block on top of the last (header rules, senders, execution) and
/// checks gas used, bloom, receipts root and state root against each header, then the final state.
/// </summary>
public sealed class BlockTestRunner
{
    private static readonly UInt256 ChainId = 1;
    private readonly IBlockProcessor _processor;

    public BlockTestRunner(IBlockProcessor? processor = null) => _processor = processor ?? new BlockProcessor();

    /// <summary>Null when the test passes, else what differed first.</summary>
    public string? Run(BlockTest test)
    {
        try
        {
            return Check(test);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"crashed: {e.GetType().Name}: {e.Message}";
        }
    }

    private string? Check(BlockTest test)
    {
        var world = new WorldState(test.Pre.Clone());
        if (world.StateRoot != test.Genesis.StateRoot) return $"genesis state root {world.StateRoot}, header says {test.Genesis.StateRoot}";
        var hashes = new BlockHashes();
        hashes.Add(test.Genesis.Number, test.Genesis.Hash);
        BlockHeader parent = test.Genesis;

        for (int i = 0; i < test.Blocks.Count; i++)
        {
            BlockTestBlock fixture = test.Blocks[i];
            string? failure = Import(test, fixture, parent, hashes, world, out BlockHeader? imported);
            if (fixture.ExpectException is not null)
            {
                if (failure is null) return $"block {i}: expected rejection ({fixture.ExpectException}) but it was accepted";
                return "block rejection tests are not supported: the executor cannot roll back a committed block";
            }
            if (failure is not null) return $"block {i}: {failure}";
            parent = imported!;
            hashes.Add(parent.Number, parent.Hash);
        }

        if (test.LastBlockHash is { } last && last != parent.Hash) return $"last block hash {parent.Hash}, expected {last}";
        if (test.PostState is { } post)
        {
            Hash256 expected = StateRootCalculator.Compute(post);
            if (world.StateRoot != expected) return $"final state root {world.StateRoot}, postState gives {expected}";
        }
        return null;
    }

    private string? Import(BlockTest test, BlockTestBlock fixture, BlockHeader parent, BlockHashes hashes, WorldState world, out BlockHeader? header)
    {
        header = null;
        Block block;
        try
        {
            block = BlockCodec.Decode(fixture.Rlp);
        }
        catch (RlpException e)
        {
            return $"bad block RLP: {e.Message}";
        }
        header = block.Header;
        if (fixture.ExpectedHeader is { } expected && expected.Hash != header.Hash) return $"decoded header hash {header.Hash}, fixture says {expected.Hash}";
        string? invalid = HeaderValidator.Validate(header, parent, test.Spec, test.Spec) ?? BlockBodyValidator.Validate(block);
        if (invalid is not null) return invalid;

        RecoveredTransaction[] recovered = SenderRecovery.Recover(block.Transactions, test.Spec, ChainId);
        var transactions = new Transaction[recovered.Length];
        for (int t = 0; t < recovered.Length; t++)
        {
            if (!recovered[t].IsValid) return recovered[t].Error;
            transactions[t] = recovered[t].Transaction!;
        }

        BlockContext context = BlockContextFactory.From(header, test.Spec, ChainId, hashes);
        BlockResult result;
        try
        {
            result = _processor.Process(context, block, transactions, world);
        }
        catch (InvalidBlockException e)
        {
            return e.Message;
        }
        return BlockResultComparer.Compare(header, result);
    }
}
