using EvmCluster.Evm.Core;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Receipts;

/// <summary>
/// Consensus encoding of receipts: rlp([status-or-root, cumulativeGasUsed, bloom, logs]), prefixed with the
/// transaction type byte for typed transactions (EIP-2718). These bytes are the receipts trie's values.
/// </summary>
public static class ReceiptCodec
{
    /// <summary>The receipt's canonical bytes.</summary>
    public static byte[] Encode(Receipt receipt)
    {
        // One writer per thread: a block encodes thousands of receipts, each would otherwise allocate its own buffer.
        RlpWriter writer = t_writer ??= new RlpWriter(512);
        writer.Reset();
        Write(writer, receipt);
        return writer.ToArray();
    }

    [ThreadStatic]
    private static RlpWriter? t_writer;

    /// <summary>Appends the receipt's canonical bytes (type byte included) to <paramref name="writer"/>.</summary>
    public static void Write(RlpWriter writer, Receipt receipt)
    {
        if (receipt.Type != TxType.Legacy) writer.WriteRaw([(byte)receipt.Type]);
        writer.StartList();
        if (receipt.PostStateRoot is { } root)
        {
            if (receipt.Type != TxType.Legacy) throw new ArgumentException("typed receipts carry a status, not a state root", nameof(receipt));
            writer.WriteHash(root);
        }
        else
        {
            writer.WriteBool(receipt.Success);
        }
        writer.WriteLong(receipt.CumulativeGasUsed);
        writer.WriteBytes(receipt.Bloom.Bytes);
        LogEncoding.WriteList(writer, receipt.Logs);
        writer.EndList();
    }

    /// <summary>Decodes canonical receipt bytes strictly; errors are <see cref="RlpException"/>s naming the field.</summary>
    public static Receipt Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) throw new RlpException("receipt: empty input", 0);
        TxType type = TxType.Legacy;
        int offset = 0;
        if (encoded[0] < 0x80)
        {
            type = encoded[0] switch
            {
                1 => TxType.AccessList,
                2 => TxType.Eip1559,
                3 => TxType.Blob,
                _ => throw new RlpException($"receipt: unknown receipt type {encoded[0]}", 0),
            };
            offset = 1;
        }
        else if (encoded[0] < 0xc0)
        {
            throw new RlpException("receipt: expected a list or a type byte", 0);
        }

        string field = "envelope";
        try
        {
            var outer = new RlpReader(encoded[offset..]);
            RlpReader list = outer.ReadList();
            outer.EnsureEnd();

            field = "status";
            int statusAt = list.AbsolutePosition;
            ReadOnlySpan<byte> statusOrRoot = list.ReadBytes();
            bool success = false;
            Hash256? root = null;
            if (statusOrRoot.Length == Hash256.Size && type == TxType.Legacy) root = new Hash256(statusOrRoot);
            else if (statusOrRoot.Length == 1 && statusOrRoot[0] == 1) success = true;
            else if (statusOrRoot.Length != 0) throw new RlpException($"status of {statusOrRoot.Length} bytes is neither 0, 1 nor a state root", statusAt);

            field = "cumulativeGasUsed";
            long cumulative = list.ReadLong();
            field = "logsBloom";
            var bloom = new Bloom(list.ReadBytes(Bloom.Size));
            field = "logs";
            RlpReader logsReader = list.ReadList();
            var logs = new List<LogEntry>();
            while (!logsReader.IsEnd)
            {
                field = $"logs[{logs.Count}]";
                logs.Add(ReadLog(ref logsReader));
            }
            field = "end of list";
            list.EnsureEnd();
            return new Receipt(type, success, root, cumulative, bloom, logs);
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, $"receipt field '{field}'", offset);
        }
    }

    private static LogEntry ReadLog(ref RlpReader reader)
    {
        RlpReader log = reader.ReadList();
        Address address = log.ReadAddress();
        RlpReader topicsReader = log.ReadList();
        var topics = new List<Hash256>();
        while (!topicsReader.IsEnd) topics.Add(topicsReader.ReadHash256());
        byte[] data = log.ReadBytes().ToArray();
        log.EnsureEnd();
        return new LogEntry(address, [.. topics], data);
    }
}
