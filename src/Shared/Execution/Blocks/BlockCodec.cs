using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// RLP of whole blocks: [header, transactions, uncles] or, from Shanghai, [header, transactions, uncles,
/// withdrawals]. In the transactions list a legacy transaction is its own RLP list and a typed one is an
/// RLP string holding type ++ payload (EIP-2718).
/// </summary>
public static class BlockCodec
{
    /// <summary>
    /// Decodes a block strictly. Errors are <see cref="RlpException"/>s with the offset in
    /// <paramref name="rlp"/>, naming the transaction index, uncle index or header field that failed.
    /// </summary>
    public static Block Decode(ReadOnlySpan<byte> rlp)
    {
        var outer = new RlpReader(rlp);
        RlpReader block;
        try
        {
            block = outer.ReadList();
            outer.EnsureEnd();
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, "block");
        }

        BlockHeader header = BlockHeaderCodec.Read(ref block);
        List<SignedTransaction> transactions = ReadTransactions(ref block);

        var uncles = new List<BlockHeader>();
        RlpReader uncleReader = ReadSection(ref block, "uncles");
        while (!uncleReader.IsEnd)
        {
            try
            {
                uncles.Add(BlockHeaderCodec.Read(ref uncleReader));
            }
            catch (RlpException e)
            {
                throw RlpErrors.Wrap(e, $"uncle {uncles.Count}");
            }
        }

        List<Withdrawal>? withdrawals = null;
        if (!block.IsEnd)
        {
            withdrawals = [];
            RlpReader withdrawalReader = ReadSection(ref block, "withdrawals");
            while (!withdrawalReader.IsEnd)
            {
                try
                {
                    withdrawals.Add(Withdrawal.Read(ref withdrawalReader));
                }
                catch (RlpException e)
                {
                    throw RlpErrors.Wrap(e, $"withdrawal {withdrawals.Count}");
                }
            }
        }

        int end = block.AbsolutePosition;
        try
        {
            block.EnsureEnd();
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, "block (an item follows the withdrawals)");
        }
        // The body's shape must match the header's fork fields: both have withdrawals or neither does.
        if ((withdrawals is null) != (header.WithdrawalsRoot is null))
        {
            throw new RlpException(
                withdrawals is null ? "block: the header has a withdrawals root but the body has no withdrawals list"
                                    : "block: the body has a withdrawals list but the header has no withdrawals root", end);
        }
        return new Block(header, transactions, uncles, withdrawals);
    }

    private static RlpReader ReadSection(ref RlpReader block, string name)
    {
        try
        {
            return block.ReadList();
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, $"block {name} list");
        }
    }

    private static List<SignedTransaction> ReadTransactions(ref RlpReader block)
    {
        RlpReader reader = ReadSection(ref block, "transactions");
        var transactions = new List<SignedTransaction>();
        while (!reader.IsEnd)
        {
            int index = transactions.Count;
            scoped ReadOnlySpan<byte> encoded;
            int encodedStart;
            try
            {
                if (reader.PeekIsList())
                {
                    encodedStart = reader.AbsolutePosition;
                    encoded = reader.ReadEncodedItem();
                }
                else
                {
                    int itemStart = reader.AbsolutePosition;
                    encoded = reader.ReadBytes();
                    encodedStart = reader.AbsolutePosition - encoded.Length;
                    // Only typed transactions are wrapped in a string; their first byte is the type (below 0x80).
                    if (encoded.IsEmpty || encoded[0] >= 0x80)
                        throw new RlpException("an RLP string in the transactions list must hold a typed transaction", itemStart);
                }
            }
            catch (RlpException e)
            {
                throw RlpErrors.Wrap(e, $"transaction {index}");
            }

            try
            {
                transactions.Add(TransactionCodec.Decode(encoded));
            }
            catch (RlpException e)
            {
                throw RlpErrors.Wrap(e, $"transaction {index}", encodedStart);
            }
        }
        return transactions;
    }

    /// <summary>The block's RLP encoding.</summary>
    public static byte[] Encode(Block block)
    {
        var writer = new RlpWriter(1024);
        writer.StartList();
        BlockHeaderCodec.Write(writer, block.Header);
        writer.StartList();
        foreach (SignedTransaction tx in block.Transactions) TransactionCodec.WriteForBlock(writer, tx);
        writer.EndList();
        writer.StartList();
        foreach (BlockHeader uncle in block.Uncles) BlockHeaderCodec.Write(writer, uncle);
        writer.EndList();
        if (block.Withdrawals is { } withdrawals)
        {
            writer.StartList();
            foreach (Withdrawal w in withdrawals) w.Write(writer);
            writer.EndList();
        }
        writer.EndList();
        return writer.ToArray();
    }
}
