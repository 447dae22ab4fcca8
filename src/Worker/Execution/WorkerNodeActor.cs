using Akka.Actor;
using Akka.Cluster;
using EvmCluster.Evm.Crypto;
using EvmCluster.Protocol.V1;
using EvmCluster.Worker.Shards;

namespace EvmCluster.Worker.Execution;

/// <summary>
/// The node-level actor at /user/worker: takes the coordinator's batches and code. Batches run off the
/// actor (on the executor's own threads) and the reply is piped back, so the node stays responsive.
/// </summary>
public sealed class WorkerNodeActor : ReceiveActor
{
    public const string Name = "worker";

    public WorkerNodeActor(LocalNode node, IRemoteShards remote)
    {
        string address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<StoreCode>(m =>
        {
            if (m.Reset || m.Epoch != node.CodeEpoch)
            {
                if (m.Reset) node.Code.Clear();
                node.CodeEpoch = m.Epoch;
            }
            foreach (var code in m.Code)
            {
                byte[] bytes = code.ToByteArray();
                node.Code[Keccak256.Compute(bytes)] = bytes;
            }
            Sender.Tell(new CodeStored { Node = address, Codes = (ulong)node.Code.Count });
        });
        Receive<ExecuteBatch>(m => BatchRunner.RunAsync(m, node, remote, address).PipeTo(Sender));
    }
}
