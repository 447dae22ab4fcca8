using Akka.Configuration;

namespace EvmCluster.Protocol.Hosting;

/// <summary>
/// How a node joins the cluster, from command-line options over environment variables
/// (EVMCLUSTER_HOSTNAME, EVMCLUSTER_AKKA_PORT, EVMCLUSTER_SEEDS) over loopback defaults.
/// </summary>
public sealed record NodeSettings(string Hostname, int AkkaPort, IReadOnlyList<string> Seeds, string Role)
{
    public const string SystemName = "evmcluster";
    public const string CoordinatorRole = "coordinator";
    public const string WorkerRole = "worker";
    public const string ShardTypeName = "state-shard";
    public const int DefaultCoordinatorPort = 4053;

    /// <summary>Largest Akka.Remote frame: a block's batch and its outcomes travel as one message each.</summary>
    public const int MaximumFrameBytes = 128 * 1024 * 1024;

    public static NodeSettings FromEnvironment(string role, int defaultPort, string? hostname = null, int? port = null, IReadOnlyList<string>? seeds = null)
    {
        string host = hostname ?? (Environment.GetEnvironmentVariable("EVMCLUSTER_HOSTNAME") is { Length: > 0 } fromEnvironment ? fromEnvironment : "127.0.0.1");
        int akkaPort = port ?? (int.TryParse(Environment.GetEnvironmentVariable("EVMCLUSTER_AKKA_PORT"), out int p) ? p : defaultPort);
        IReadOnlyList<string> seedList = seeds is { Count: > 0 } ? seeds
            : (Environment.GetEnvironmentVariable("EVMCLUSTER_SEEDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string seed in seedList)
            if (!seed.StartsWith($"akka.tcp://{SystemName}@", StringComparison.Ordinal))
                throw new ArgumentException($"seed '{seed}' is not an address of this cluster (akka.tcp://{SystemName}@host:port)");
        return new NodeSettings(host, akkaPort, seedList, role);
    }

    public static string SeedAddress(string host, int port) => $"akka.tcp://{SystemName}@{host}:{port}";

    /// <summary>Akka's log level: EVMCLUSTER_AKKA_LOGLEVEL (DEBUG, INFO, WARNING, ERROR), else WARNING.</summary>
    public static string LogLevel => Environment.GetEnvironmentVariable("EVMCLUSTER_AKKA_LOGLEVEL") is { Length: > 0 } level ? level.ToUpperInvariant() : "WARNING";

    public Config ToConfig()
    {
        string seeds = string.Join(", ", Seeds.Select(s => $"\"{s}\""));
        return ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = {{LogLevel}}
              stdout-loglevel = {{LogLevel}}
              log-dead-letters = off
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = "0.0.0.0"
                public-hostname = "{{Hostname}}"
                port = {{AkkaPort}}
                maximum-frame-size = {{MaximumFrameBytes}}b
                send-buffer-size = 4194304b
                receive-buffer-size = 4194304b
              }
              cluster {
                roles = ["{{Role}}"]
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = 5s
                }
                down-removal-margin = 5s
                singleton.role = "{{CoordinatorRole}}"
                singleton-proxy.role = "{{CoordinatorRole}}"
                # Akka.NET 1.5.73 logs "failed to find an associated singleton … after 30 seconds" the
                # moment a proxy starts (its failure timer fires at once), which is never true here.
                singleton-proxy.log-singleton-identification-failure = false
                sharding {
                  role = "{{WorkerRole}}"
                  remember-entities = off
                  passivate-idle-entity-after = off
                  # Shard homes are replicated to every worker, so a sharding coordinator that moves
                  # (its worker, the oldest, was lost) still knows where each shard lives. The default
                  # store, persistence with no journal configured, kept them in the memory of that one
                  # worker: its successor knew no shard and placed hosted shards a second time, empty.
                  state-store-mode = ddata
                  distributed-data.durable.keys = []
                }
              }
            }
            """);
    }
}
