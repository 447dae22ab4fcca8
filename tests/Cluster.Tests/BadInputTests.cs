using EvmCluster.Execution.Fixtures.Workloads;
using EvmCluster.Execution.Blocks;
using EvmCluster.Protocol.V1;
using EvmCluster.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace EvmCluster.Cluster.Tests;

/// <summary>Malformed and oversized requests get clear gRPC errors, and the cluster keeps working afterwards.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture cluster)
{
    private static async Task<RpcException> Fails(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    [Fact]
    public async Task Bad_requests_get_clear_errors_and_the_cluster_keeps_working()
    {
        Workload workload = WorkloadLoader.Load(TestData.Combine("workloads", "eth-transfer"));
        await cluster.Client.LoadStateAsync(workload.Genesis, "Cancun", (ulong)workload.ChainId);
        Executor.ExecutorClient api = cluster.Client.Api;

        RpcException e = await Fails(() => api.ExecuteBlockAsync(new ExecuteBlockRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("carries no block", e.Status.Detail);

        e = await Fails(() => api.ExecuteBlockAsync(new ExecuteBlockRequest { BlockRlp = ByteString.CopyFrom(0xc0, 0x01, 0x02) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("bad block", e.Status.Detail);

        var badTx = new ExecuteBlockRequest { Body = new BlockBody { Header = Protocol.Mapping.BlockMapping.ToProto(workload.Header), Transactions = { ByteString.CopyFrom(0x02, 0xff) } } };
        e = await Fails(() => api.ExecuteBlockAsync(badTx).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("transaction 0", e.Status.Detail);

        Header header = Protocol.Mapping.BlockMapping.ToProto(workload.Header);
        header.Beneficiary = ByteString.CopyFrom(1, 2, 3);
        e = await Fails(() => api.ExecuteBlockAsync(new ExecuteBlockRequest { Body = new BlockBody { Header = header } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("header.beneficiary: an address is 20 bytes, got 3", e.Status.Detail);

        e = await Fails(() => api.GetAccountAsync(new GetAccountRequest { Address = ByteString.CopyFrom(new byte[19]) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("address", e.Status.Detail);

        e = await Fails(() => api.GetStorageAsync(new GetStorageRequest { Address = ByteString.CopyFrom(new byte[20]), Slot = ByteString.CopyFrom(new byte[33]) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("32 bytes", e.Status.Detail);

        // Larger than the server accepts: refused by the transport with a size message.
        var oversized = new ExecuteBlockRequest { BlockRlp = ByteString.CopyFrom(new byte[70 * 1024 * 1024]) };
        e = await Fails(() => api.ExecuteBlockAsync(oversized).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);

        // A LoadState without its chain config is refused before anything is replaced.
        using (var call = api.LoadState())
        {
            await call.RequestStream.WriteAsync(new LoadStateChunk());
            await call.RequestStream.CompleteAsync();
            e = await Fails(() => call.ResponseAsync);
        }
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("chain config", e.Status.Detail);

        // Still working, with the state it had.
        ExecuteBlockReply reply = await cluster.Client.ExecuteAsync(new Block(workload.Header, workload.Transactions, [], null), null, dryRun: true, verifyHeader: false);
        Assert.Equal(workload.Expected.StateRoot.ToArray(), reply.StateRoot.ToByteArray());
        ClusterStatus status = await api.GetClusterStatusAsync(new GetClusterStatusRequest());
        Assert.True(status.StateLoaded);
        Assert.Equal(256, status.ShardPlacement.Count);
        Assert.Equal(ClusterFixture.Workers, status.ShardPlacement.Distinct().Count());
        var (address, record) = workload.Genesis.Accounts.First();
        GetAccountReply account = await api.GetAccountAsync(new GetAccountRequest { Address = ByteString.CopyFrom(address.ToArray()) });
        Assert.True(account.Exists);
        Assert.Equal(record.Nonce, account.Account.Nonce);
        Assert.Equal(record.Balance.ToBigEndianTrimmed(), account.Account.Balance.ToByteArray());
    }
}
