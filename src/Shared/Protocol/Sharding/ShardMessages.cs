using EvmCluster.Protocol.Sharding;

namespace EvmCluster.Protocol.V1;

public sealed partial class LoadShard : IShardMessage;
public sealed partial class ReadKeys : IShardMessage;
public sealed partial class StageWrites : IShardMessage;
public sealed partial class FinishStaged : IShardMessage;
