using System.Text.Json;
using EvmCluster.Coordinator.Client;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Fixtures;
using EvmCluster.Protocol.V1;
using Grpc.Core;

namespace EvmCluster.Coordinator.Cli;

/// <summary>
/// <c>submit --coordinator URL [--dry-run] [--verify] &lt;block.json&gt;</c>: sends a block (JSON-RPC
/// eth_getBlockByNumber format, full transactions) to a running coordinator and prints the result.
/// </summary>
public static class SubmitCommand
{
    public static int Run(CommandArguments args)
    {
        string url = args.Get("coordinator") ?? throw new UsageException("submit needs --coordinator URL (e.g. http://127.0.0.1:5000)");
        bool dryRun = args.Has("dry-run");
        bool verify = args.Has("verify");
        args.EnsureAllUsed();
        if (args.Positional.Count != 1) throw new UsageException("submit takes exactly one block.json");
        string path = args.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"no such file: {path}");

        RpcBlock rpc;
        try
        {
            rpc = RpcBlockReader.ReadFile(path);
        }
        catch (Exception e) when (e is FixtureException or JsonException)
        {
            Console.Error.WriteLine($"error: {path}: {e.Message}");
            return 1;
        }
        using var client = new ClusterClient(url);
        try
        {
            var block = new Block(rpc.Header, rpc.Transactions, [], rpc.Withdrawals);
            ExecuteBlockReply reply = client.ExecuteAsync(block, null, dryRun, verify).GetAwaiter().GetResult();
            Print(reply);
            return 0;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"error: {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
    }

    private static void Print(ExecuteBlockReply reply)
    {
        static string Hex(Google.Protobuf.ByteString b) => "0x" + Convert.ToHexString(b.Span).ToLowerInvariant();
        BlockStatistics s = reply.Statistics;
        Console.WriteLine($"block {reply.Number} {Hex(reply.BlockHash)} {(reply.Committed ? "committed" : "dry run")}");
        Console.WriteLine($"  state root     {Hex(reply.StateRoot)}");
        Console.WriteLine($"  receipts root  {Hex(reply.ReceiptsRoot)}");
        Console.WriteLine($"  gas used       {reply.GasUsed}");
        Console.WriteLine($"  transactions   {s.Transactions} in {s.Batches} batches on {s.Workers} workers; re-executed {s.Reexecuted} (stale account {s.StaleAccountReads}, storage {s.StaleStorageReads}, fee recipient {s.FeeRecipientReads}, invalid on worker {s.InvalidOnWorker})");
        Console.WriteLine($"  messages       {s.Messages} ({s.MessageBytes / 1024.0:F0} KiB); remote reads {s.RemoteReads}, coordinator reads {s.CoordinatorReads}");
        Console.WriteLine($"  time           {s.TotalMs:F1} ms (plan {s.PlanMs:F1}, execute {s.ExecuteMs:F1}, validate {s.ValidateMs:F1}, commit {s.CommitMs:F1})");
    }
}
