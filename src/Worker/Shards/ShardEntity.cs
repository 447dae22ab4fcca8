using Akka.Actor;
using Akka.Cluster;
using EvmCluster.Evm.Core;
using Address = EvmCluster.Evm.Core.Address;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;
using EvmCluster.Protocol.Mapping;
using EvmCluster.Protocol.Telemetry;
using EvmCluster.Protocol.V1;
using Google.Protobuf;

namespace EvmCluster.Worker.Shards;

/// <summary>
/// The Cluster.Sharding entity of one state shard: a thin shell over <see cref="ShardState"/>. It
/// never passivates; if it is ever started without its state (its worker left and sharding placed
/// it elsewhere) it refuses every request, so lost state is reported, never silently replaced.
/// </summary>
public sealed class ShardEntity : ReceiveActor
{
    private readonly LocalNode _node;
    private readonly int _shard;
    private readonly string _nodeAddress;
    private ShardState? _state;
    private ulong _epoch;

    public ShardEntity(LocalNode node)
    {
        _node = node;
        _shard = int.Parse(Context.Self.Path.Name, System.Globalization.CultureInfo.InvariantCulture);
        _nodeAddress = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<LoadShard>(m => Traced("shard.load", m.Trace, () => Load(m)));
        Receive<ReadKeys>(m => Traced("shard.read", m.Trace, () => Guarded(m.Epoch, () => Read(m))));
        Receive<StageWrites>(m => Traced("shard.stage", m.Trace, () => Guarded(m.Epoch, () => Stage(m))));
        Receive<FinishStaged>(m => Traced("shard.finish", m.Trace, () => Guarded(m.Epoch, () => Finish(m))));
    }

    protected override void PreStart()
    {
        _node.Entities[_shard] = Self;
        base.PreStart();
    }

    protected override void PostStop()
    {
        // Only this entity's own entries: another entity of the shard may have started since.
        _node.Entities.TryRemove(new KeyValuePair<int, IActorRef>(_shard, Self));
        if (_state is not null) _node.Shards.TryRemove(new KeyValuePair<int, (ulong, ShardState)>(_shard, (_epoch, _state)));
        base.PostStop();
    }

    /// <summary>Handles a message inside a span parented on the sender's (carried in the message).</summary>
    private void Traced(string span, TraceContext? trace, Action handle)
    {
        using var activity = ClusterTelemetry.StartChild(span, trace);
        activity?.SetTag("shard", _shard);
        handle();
    }

    private void Guarded(ulong epoch, Func<IMessage> handle)
    {
        if (_state is null || epoch != _epoch)
        {
            Sender.Tell(new ShardFailure
            {
                Shard = (uint)_shard,
                Message = _state is null
                    ? $"shard {_shard} on {_nodeAddress} holds no state: its worker was lost or the state was never loaded; load the state again"
                    : $"shard {_shard} holds state epoch {_epoch}, not {epoch}; load the state again",
            });
            return;
        }
        try
        {
            Sender.Tell(handle());
        }
        catch (Exception e) when (e is ProtocolException or InvalidOperationException)
        {
            Sender.Tell(new ShardFailure { Shard = (uint)_shard, Message = $"shard {_shard}: {e.Message}" });
        }
    }

    private void Load(LoadShard message)
    {
        // A later chunk of a state must reach the entity that took the first: else part of the shard
        // would be missing, silently. Refuse instead.
        if (!message.Reset && (_state is null || message.Epoch != _epoch))
        {
            Sender.Tell(new ShardFailure
            {
                Shard = (uint)_shard,
                Message = $"shard {_shard} on {_nodeAddress} got part of state epoch {message.Epoch} without its first part " +
                    $"({(_state is null ? "it holds no state" : $"it holds epoch {_epoch}")}): the shard moved during the load; load the state again",
            });
            return;
        }
        if (message.Reset)
        {
            _state = new ShardState(_shard);
            _epoch = message.Epoch;
            _node.Shards[_shard] = (_epoch, _state);
        }
        var source = new InMemoryState();
        var addresses = new List<Address>(message.Accounts.Count);
        try
        {
            foreach (GenesisAccount account in message.Accounts) addresses.Add(StateMapping.AddTo(source, account));
            _state!.Load(addresses, source);
        }
        catch (Exception e) when (e is ProtocolException or InvalidOperationException)
        {
            Sender.Tell(new ShardFailure { Shard = (uint)_shard, Message = $"shard {_shard}: {e.Message}" });
            return;
        }
        Sender.Tell(new ShardLoaded { Shard = (uint)_shard, Epoch = _epoch, Node = _nodeAddress, Accounts = (ulong)_state!.AccountCount });
    }

    private KeyValues Read(ReadKeys message)
    {
        InMemoryState flat = _state!.Flat;
        var reply = new KeyValues { Shard = (uint)_shard };
        foreach (ByteString bytes in message.Accounts)
        {
            Address address = Values.ToAddress(bytes, "read.account");
            reply.Accounts.Add(StateMapping.AccountValue(address, flat.TryGetAccount(address, out AccountRecord record) ? record : null));
        }
        foreach (StorageKey key in message.Storage)
        {
            StorageCell cell = StateMapping.FromProto(key);
            reply.Storage.Add(StateMapping.StorageValue(cell.Address, cell.Slot, flat.GetStorage(cell.Address, cell.Slot)));
        }
        foreach (ByteString bytes in message.StoragePresence)
        {
            Address address = Values.ToAddress(bytes, "read.storage_presence");
            reply.StoragePresence.Add(new PresenceValue { Address = bytes, HasStorage = flat.HasStorage(address) });
        }
        return reply;
    }

    private Staged Stage(StageWrites message)
    {
        var writes = new BlockState(_state!.Flat);
        foreach (ByteString cleared in message.StorageCleared) writes.Delete(Values.ToAddress(cleared, "stage.storage_cleared"));
        foreach (AccountStorage columns in message.Storage) StateMapping.AddTo(writes, columns);
        foreach (AccountValue value in message.Accounts)
        {
            AccountRecord? record = StateMapping.FromProto(value, out Address address);
            if (record is { } r) writes.SetAccount(address, r);
            else if (!writes.StorageCleared.Contains(address)) writes.Delete(address);
        }
        return new Staged { Shard = (uint)_shard, Subtree = StateMapping.ToProto(_state.Stage(Values.ToHash(message.BlockHash, "stage.block_hash"), writes)) };
    }

    private StagedFinished Finish(FinishStaged message)
    {
        _state!.Finish(Values.ToHash(message.BlockHash, "finish.block_hash"), message.Commit);
        return new StagedFinished { Shard = (uint)_shard, Committed = message.Commit };
    }
}
