using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Receipts;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// RLP of block headers: a list of the fifteen original fields followed by whichever fork fields are
/// present, in fork order. Decoding is strict: canonical RLP, exact widths for hashes, the bloom and the
/// nonce, and no field after the parent beacon block root.
/// </summary>
public static class BlockHeaderCodec
{
    /// <summary>The header's RLP encoding.</summary>
    public static byte[] Encode(BlockHeader header)
    {
        var writer = new RlpWriter(640);
        Write(writer, header);
        return writer.ToArray();
    }

    /// <summary>Appends the header's RLP encoding to <paramref name="writer"/>.</summary>
    /// <exception cref="InvalidOperationException">An optional field is set while an earlier one is not.</exception>
    public static void Write(RlpWriter writer, BlockHeader header)
    {
        int optional = CountOptionalFields(header);
        writer.StartList();
        writer.WriteHash(header.ParentHash);
        writer.WriteHash(header.OmmersHash);
        writer.WriteAddress(header.Beneficiary);
        writer.WriteHash(header.StateRoot);
        writer.WriteHash(header.TransactionsRoot);
        writer.WriteHash(header.ReceiptsRoot);
        writer.WriteBytes(header.LogsBloom.Bytes);
        writer.WriteUInt256(header.Difficulty);
        writer.WriteLong(header.Number);
        writer.WriteLong(header.GasLimit);
        writer.WriteLong(header.GasUsed);
        writer.WriteULong(header.Timestamp);
        writer.WriteBytes(header.ExtraData);
        writer.WriteHash(header.MixHash);
        Span<byte> nonce = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce, header.Nonce);
        writer.WriteBytes(nonce);
        if (optional >= 1) writer.WriteUInt256(header.BaseFeePerGas!.Value);
        if (optional >= 2) writer.WriteHash(header.WithdrawalsRoot!.Value);
        if (optional >= 3) writer.WriteULong(header.BlobGasUsed!.Value);
        if (optional >= 4) writer.WriteULong(header.ExcessBlobGas!.Value);
        if (optional >= 5) writer.WriteHash(header.ParentBeaconBlockRoot!.Value);
        writer.EndList();
    }

    /// <summary>Whether the header's fork fields form a prefix of the fork order, so that it has an RLP encoding.</summary>
    public static bool IsEncodable(BlockHeader header) => PresentForkFields(header, out _) >= 0;

    /// <summary>How many fork fields are present; they must form a prefix of the fork order.</summary>
    private static int CountOptionalFields(BlockHeader h)
    {
        int count = PresentForkFields(h, out int firstMissing);
        if (count < 0)
            throw new InvalidOperationException($"header {h.Number}: a fork field is set while an earlier one ({OptionalNames[firstMissing]}) is missing");
        return count;
    }

    /// <summary>The number of fork fields present, or -1 when one is set after a missing one (<paramref name="firstMissing"/>).</summary>
    private static int PresentForkFields(BlockHeader h, out int firstMissing)
    {
        ReadOnlySpan<bool> present =
        [
            h.BaseFeePerGas.HasValue, h.WithdrawalsRoot.HasValue, h.BlobGasUsed.HasValue, h.ExcessBlobGas.HasValue,
            h.ParentBeaconBlockRoot.HasValue,
        ];
        firstMissing = present.IndexOf(false);
        if (firstMissing < 0) return present.Length;
        return present[firstMissing..].Contains(true) ? -1 : firstMissing;
    }

    private static readonly string[] OptionalNames = ["baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot"];

    /// <summary>Decodes one header that is the whole input.</summary>
    public static BlockHeader Decode(ReadOnlySpan<byte> rlp)
    {
        var reader = new RlpReader(rlp);
        BlockHeader header = Read(ref reader);
        reader.EnsureEnd();
        return header;
    }

    /// <summary>
    /// Reads the next item of <paramref name="reader"/> as a header. Its hash is computed from the bytes read,
    /// which strict decoding guarantees are the canonical encoding.
    /// </summary>
    public static BlockHeader Read(ref RlpReader reader)
    {
        int start = reader.AbsolutePosition;
        ReadOnlySpan<byte> encoded;
        try
        {
            encoded = reader.ReadEncodedItem();
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, "block header");
        }
        string field = "header";
        try
        {
            var outer = new RlpReader(encoded);
            RlpReader r = outer.ReadList();
            field = "parentHash";
            Hash256 parentHash = r.ReadHash256();
            field = "ommersHash";
            Hash256 ommersHash = r.ReadHash256();
            field = "beneficiary";
            Address beneficiary = r.ReadAddress();
            field = "stateRoot";
            Hash256 stateRoot = r.ReadHash256();
            field = "transactionsRoot";
            Hash256 transactionsRoot = r.ReadHash256();
            field = "receiptsRoot";
            Hash256 receiptsRoot = r.ReadHash256();
            field = "logsBloom";
            var bloom = new Bloom(r.ReadBytes(Bloom.Size));
            field = "difficulty";
            var difficulty = new UInt256(r.ReadUInt256());
            field = "number";
            long number = r.ReadLong();
            field = "gasLimit";
            long gasLimit = r.ReadLong();
            field = "gasUsed";
            long gasUsed = r.ReadLong();
            field = "timestamp";
            ulong timestamp = r.ReadULong();
            field = "extraData";
            byte[] extraData = r.ReadBytes().ToArray();
            field = "mixHash";
            Hash256 mixHash = r.ReadHash256();
            field = "nonce";
            ulong nonce = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(r.ReadBytes(8));

            UInt256? baseFee = null;
            Hash256? withdrawalsRoot = null, beaconRoot = null;
            ulong? blobGasUsed = null, excessBlobGas = null;
            field = "baseFeePerGas";
            if (!r.IsEnd) baseFee = new UInt256(r.ReadUInt256());
            field = "withdrawalsRoot";
            if (!r.IsEnd) withdrawalsRoot = r.ReadHash256();
            field = "blobGasUsed";
            if (!r.IsEnd) blobGasUsed = r.ReadULong();
            field = "excessBlobGas";
            if (!r.IsEnd) excessBlobGas = r.ReadULong();
            field = "parentBeaconBlockRoot";
            if (!r.IsEnd) beaconRoot = r.ReadHash256();
            field = "end of list (no header field follows parentBeaconBlockRoot)";
            r.EnsureEnd();

            return new BlockHeader(Keccak256.Compute(encoded))
            {
                ParentHash = parentHash,
                OmmersHash = ommersHash,
                Beneficiary = beneficiary,
                StateRoot = stateRoot,
                TransactionsRoot = transactionsRoot,
                ReceiptsRoot = receiptsRoot,
                LogsBloom = bloom,
                Difficulty = difficulty,
                Number = number,
                GasLimit = gasLimit,
                GasUsed = gasUsed,
                Timestamp = timestamp,
                ExtraData = extraData,
                MixHash = mixHash,
                Nonce = nonce,
                BaseFeePerGas = baseFee,
                WithdrawalsRoot = withdrawalsRoot,
                BlobGasUsed = blobGasUsed,
                ExcessBlobGas = excessBlobGas,
                ParentBeaconBlockRoot = beaconRoot,
            };
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, $"block header field '{field}'", start);
        }
    }
}
