namespace EvmCluster.Execution.Fixtures;

/// <summary>A fixture file that is not what its format says; the message names the field or value.</summary>
public sealed class FixtureException(string message) : Exception(message);
