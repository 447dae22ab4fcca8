namespace EvmCluster.Evm.Core;

/// <summary>A log emitted by LOG0..LOG4.</summary>
public sealed record LogEntry(Address Address, Hash256[] Topics, byte[] Data);
