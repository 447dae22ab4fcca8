using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Transactions;

/// <summary>Adds context (which transaction, which field) to an <see cref="RlpException"/> raised deep in a decoder.</summary>
internal static class RlpErrors
{
    private const string Prefix = "RLP: ";

    /// <summary>
    /// A new exception whose message is "<paramref name="context"/>: original problem", with the offset
    /// moved by <paramref name="baseOffset"/> when the failing input was a slice of a larger one.
    /// </summary>
    public static RlpException Wrap(RlpException inner, string context, int baseOffset = 0) =>
        new($"{context}: {Core(inner)}", baseOffset + inner.Offset);

    /// <summary>The problem without the "RLP: " prefix and the offset suffix that the constructor adds.</summary>
    public static string Core(RlpException e)
    {
        string message = e.Message;
        if (message.StartsWith(Prefix, StringComparison.Ordinal)) message = message[Prefix.Length..];
        string suffix = $" (at byte offset {e.Offset})";
        if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        return message;
    }
}
