using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using EvmCluster.Coordinator.Cluster;
using EvmCluster.Protocol.Hosting;
using EvmCluster.Protocol.Sharding;
using EvmCluster.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvmCluster.Coordinator.Api;

/// <summary>What <c>serve</c> runs: a coordinator node (singleton + shard proxy), its gRPC API, optionally embedded workers.</summary>
public sealed record ServeOptions(NodeSettings Node, int GrpcPort, int EmbeddedWorkers, CoordinatorOptions Coordinator);

public sealed class CoordinatorServer : IAsyncDisposable
{
    /// <summary>Largest gRPC request: a block of ~100k transactions or a LoadState chunk.</summary>
    public const int MaxRequestBytes = 64 * 1024 * 1024;

    private readonly WebApplication _web;
    private readonly List<WorkerHost> _workers;

    private CoordinatorServer(WebApplication web, ActorSystem system, List<WorkerHost> workers)
    {
        _web = web;
        System = system;
        _workers = workers;
    }

    public ActorSystem System { get; }
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    public static async Task<CoordinatorServer> StartAsync(ServeOptions options)
    {
        ActorSystem system = ActorSystem.Create(NodeSettings.SystemName, options.Node.ToConfig());
        IActorRef region = ClusterSharding.Get(system).StartProxy(NodeSettings.ShardTypeName, NodeSettings.WorkerRole, new ShardMessageExtractor());
        system.ActorOf(ClusterSingletonManager.Props(
            Props.Create(() => new CoordinatorActor(region, options.Coordinator)), PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(NodeSettings.CoordinatorRole)), "coordinator");
        IActorRef proxy = system.ActorOf(ClusterSingletonProxy.Props("/user/coordinator",
            ClusterSingletonProxySettings.Create(system).WithRole(NodeSettings.CoordinatorRole)), "coordinator-proxy");

        var workers = new List<WorkerHost>();
        string seed = NodeSettings.SeedAddress(options.Node.Hostname, options.Node.AkkaPort);
        for (int i = 0; i < options.EmbeddedWorkers; i++)
            workers.Add(WorkerHost.Start(new NodeSettings(options.Node.Hostname, 0, [seed], NodeSettings.WorkerRole)));

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(options.GrpcPort, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.MaxSendMessageSize = MaxRequestBytes;
        });
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddSingleton(new CoordinatorEndpoint(proxy, options.Coordinator.RequestTimeout + TimeSpan.FromSeconds(30)));
        WebApplication web = builder.Build();
        web.MapGrpcService<ExecutorService>();
        web.MapGrpcHealthChecksService();
        await web.StartAsync();
        return new CoordinatorServer(web, system, workers);
    }

    public Task WhenTerminated => System.WhenTerminated;

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        foreach (WorkerHost worker in _workers) await worker.DisposeAsync();
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await _web.DisposeAsync();
    }
}
