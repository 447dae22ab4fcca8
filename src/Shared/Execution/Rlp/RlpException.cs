namespace EvmCluster.Execution.Rlp;

/// <summary>Malformed or non-canonical RLP input; <see cref="Offset"/> is the byte offset in the outermost input.</summary>
public sealed class RlpException : Exception
{
    /// <summary>Byte offset (from the start of the decoded input) of the item that failed.</summary>
    public int Offset { get; }

    public RlpException(string message, int offset) : base($"RLP: {message} (at byte offset {offset})")
    {
        Offset = offset;
    }
}
