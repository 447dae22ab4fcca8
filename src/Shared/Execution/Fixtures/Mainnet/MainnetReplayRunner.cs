using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.State;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Fixtures.Mainnet;

/// <summary>
/// Replays one mainnet block on its partial pre-state and checks what the header can vouch for:
/// gas used, logs bloom, and (from Byzantium, before which receipts embed state roots of the full
/// state) the receipts root. Uncle headers are not in the format, so uncle miners' rewards are not
/// applied; they change no receipt.
/// </summary>
public sealed class MainnetReplayRunner
{
    private static readonly UInt256 ChainId = 1;
    private readonly IBlockProcessor _processor;

    public MainnetReplayRunner(IBlockProcessor? processor = null) => _processor = processor ?? new BlockProcessor();

    /// <summary>Milliseconds the last <see cref="Run"/> spent executing the block and computing its roots.</summary>
    public double LastExecutionMs { get; private set; }

    public string? Run(MainnetBlock m)
    {
        BlockHeader header = m.Block.Header;
        ReleaseSpec spec = ForkSchedule.Mainnet.For(header.Number, header.Timestamp);
        if (Prepare(m, spec, out Transaction[] transactions) is { } problem) return problem;
        var world = new WorldState(m.PreState.Clone());
        // The pre-state's own trie is hashed before the clock starts: only the block's changes are timed.
        _ = world.StateRoot;
        BlockContext context = BlockContextFactory.From(header, spec, ChainId, m.Hashes);
        var block = new Block(header, m.Block.Transactions, [], m.Block.Withdrawals);
        BlockResult result;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            result = _processor.Process(context, block, transactions, world);
            LastExecutionMs = clock.Elapsed.TotalMilliseconds;
        }
        catch (InvalidBlockException e)
        {
            return e.Message;
        }
        return BlockResultComparer.Compare(header, result, checkReceiptsRoot: spec.IsEip658Enabled, checkStateRoot: false);
    }

    /// <summary>Checks the transactions root and recovers senders, which must match the block's <c>from</c> fields.</summary>
    public static string? Prepare(MainnetBlock m, ReleaseSpec spec, out Transaction[] transactions)
    {
        BlockHeader header = m.Block.Header;
        transactions = [];
        Evm.Core.Hash256 txRoot = BlockRoots.TransactionsRoot(m.Block.Transactions);
        if (txRoot != header.TransactionsRoot) return $"transactions root {txRoot}, header says {header.TransactionsRoot}";
        RecoveredTransaction[] recovered = SenderRecovery.Recover(m.Block.Transactions, spec, ChainId);
        transactions = new Transaction[recovered.Length];
        for (int i = 0; i < recovered.Length; i++)
        {
            if (!recovered[i].IsValid) return recovered[i].Error;
            transactions[i] = recovered[i].Transaction!;
            if (transactions[i].Sender != m.Block.DeclaredSenders[i])
                return $"transaction {i}: recovered sender {transactions[i].Sender}, block says {m.Block.DeclaredSenders[i]}";
        }
        return null;
    }
}
