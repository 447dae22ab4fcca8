using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Receipts;

/// <summary>RLP of logs as receipts carry them: [address, [topics…], data].</summary>
public static class LogEncoding
{
    public static void Write(RlpWriter writer, LogEntry log)
    {
        writer.StartList();
        writer.WriteAddress(log.Address);
        writer.StartList();
        foreach (Hash256 topic in log.Topics) writer.WriteHash(topic);
        writer.EndList();
        writer.WriteBytes(log.Data);
        writer.EndList();
    }

    public static void WriteList(RlpWriter writer, IReadOnlyList<LogEntry> logs)
    {
        writer.StartList();
        foreach (LogEntry log in logs) Write(writer, log);
        writer.EndList();
    }

    /// <summary>keccak256(rlp(logs)): the "logs" field of state tests.</summary>
    public static Hash256 Hash(IReadOnlyList<LogEntry> logs)
    {
        var writer = new RlpWriter();
        WriteList(writer, logs);
        return Keccak256.Compute(writer.WrittenSpan);
    }
}
