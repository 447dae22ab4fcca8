using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Transactions;

/// <summary>
/// Canonical encodings of transactions (EIP-2718 envelopes): legacy transactions are an RLP list of nine
/// fields; typed ones are the type byte followed by an RLP list (EIP-2930, EIP-1559, EIP-4844 layouts).
/// Decoding is strict: every item must be canonical RLP, every field present with the right width, and
/// nothing may follow the last field. Errors are <see cref="RlpException"/>s that name the field.
/// </summary>
public static class TransactionCodec
{
    [ThreadStatic] private static RlpWriter? t_writer;

    private static RlpWriter ScratchWriter()
    {
        RlpWriter writer = t_writer ??= new RlpWriter(1024);
        writer.Reset();
        return writer;
    }

    // ---- encoding ------------------------------------------------------------------------------

    /// <summary>The canonical bytes of <paramref name="tx"/>, built from its fields (ignoring any cached encoding).</summary>
    public static byte[] Encode(SignedTransaction tx)
    {
        RlpWriter writer = ScratchWriter();
        Write(writer, tx);
        return writer.ToArray();
    }

    /// <summary>Appends the canonical bytes of <paramref name="tx"/> (type byte included) to <paramref name="writer"/>.</summary>
    public static void Write(RlpWriter writer, SignedTransaction tx)
    {
        if (tx.Type != TxType.Legacy) writer.WriteRaw([(byte)tx.Type]);
        writer.StartList();
        WriteUnsignedFields(writer, tx);
        writer.WriteUInt256(tx.V);
        writer.WriteUInt256(tx.R);
        writer.WriteUInt256(tx.S);
        writer.EndList();
    }

    /// <summary>
    /// Appends the transaction as a block body holds it: a legacy transaction as its list, a typed one as
    /// an RLP string whose content is type ++ payload.
    /// </summary>
    public static void WriteForBlock(RlpWriter writer, SignedTransaction tx)
    {
        if (tx.Type == TxType.Legacy) writer.WriteRaw(tx.Encoded);
        else writer.WriteBytes(tx.Encoded);
    }

    /// <summary>keccak of the signed message; see <see cref="SignedTransaction.SigningHash"/>.</summary>
    internal static Hash256 ComputeSigningHash(SignedTransaction tx)
    {
        RlpWriter writer = ScratchWriter();
        if (tx.Type != TxType.Legacy) writer.WriteRaw([(byte)tx.Type]);
        writer.StartList();
        WriteUnsignedFields(writer, tx);
        if (tx.Type == TxType.Legacy && tx.ChainId is { } chainId)
        {
            // EIP-155: the chain id and two empty values stand in for v, r, s.
            writer.WriteUInt256(chainId);
            writer.WriteULong(0);
            writer.WriteULong(0);
        }
        writer.EndList();
        return Keccak256.Compute(writer.WrittenSpan);
    }

    private static void WriteUnsignedFields(RlpWriter writer, SignedTransaction tx)
    {
        if (tx.Type == TxType.Legacy)
        {
            writer.WriteULong(tx.Nonce);
            writer.WriteUInt256(tx.GasPrice);
            writer.WriteULong(tx.GasLimit);
            WriteTo(writer, tx.To);
            writer.WriteUInt256(tx.Value);
            writer.WriteBytes(tx.Data);
            return;
        }

        writer.WriteUInt256(tx.ChainId ?? UInt256.Zero);
        writer.WriteULong(tx.Nonce);
        if (tx.Type == TxType.AccessList)
        {
            writer.WriteUInt256(tx.GasPrice);
        }
        else
        {
            writer.WriteUInt256(tx.MaxPriorityFeePerGas);
            writer.WriteUInt256(tx.MaxFeePerGas);
        }
        writer.WriteULong(tx.GasLimit);
        WriteTo(writer, tx.To);
        writer.WriteUInt256(tx.Value);
        writer.WriteBytes(tx.Data);
        WriteAccessList(writer, tx.AccessList);
        if (tx.Type == TxType.Blob)
        {
            writer.WriteUInt256(tx.MaxFeePerBlobGas);
            writer.StartList();
            foreach (Hash256 hash in tx.BlobVersionedHashes) writer.WriteHash(hash);
            writer.EndList();
        }
    }

    private static void WriteTo(RlpWriter writer, Address? to)
    {
        if (to is { } address) writer.WriteAddress(address);
        else writer.WriteBytes([]);
    }

    private static void WriteAccessList(RlpWriter writer, AccessListItem[] accessList)
    {
        writer.StartList();
        Span<byte> key = stackalloc byte[32];
        foreach (AccessListItem item in accessList)
        {
            writer.StartList();
            writer.WriteAddress(item.Address);
            writer.StartList();
            foreach (UInt256 storageKey in item.StorageKeys)
            {
                // Storage keys are 32-byte strings, not integers: leading zeros stay.
                storageKey.ToBigEndian(key);
                writer.WriteBytes(key);
            }
            writer.EndList();
            writer.EndList();
        }
        writer.EndList();
    }

    /// <summary>Writes a 256-bit unsigned integer in minimal big-endian form.</summary>
    internal static void WriteUInt256(this RlpWriter writer, in UInt256 value)
    {
        if (value.FitsInULong)
        {
            writer.WriteULong(value.U0);
            return;
        }
        Span<byte> bytes = stackalloc byte[32];
        value.ToBigEndian(bytes);
        writer.WriteUInt(bytes);
    }

    // ---- decoding ------------------------------------------------------------------------------

    /// <summary>
    /// Decodes the canonical bytes of one transaction (a legacy list, or type byte ++ payload). The result
    /// keeps a copy of the input as its <see cref="SignedTransaction.Encoded"/> form.
    /// </summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) throw new RlpException("transaction: empty input", 0);
        byte first = encoded[0];
        if (first >= 0xc0) return DecodeFields(encoded, TxType.Legacy);
        if (first >= 0x80) throw new RlpException("transaction: expected a legacy list or a type byte, found an RLP string", 0);
        TxType type = first switch
        {
            1 => TxType.AccessList,
            2 => TxType.Eip1559,
            3 => TxType.Blob,
            _ => throw new RlpException($"transaction: unsupported transaction type {first}", 0),
        };
        return DecodeFields(encoded, type);
    }

    private static SignedTransaction DecodeFields(ReadOnlySpan<byte> encoded, TxType type)
    {
        int start = type == TxType.Legacy ? 0 : 1;
        string name = type == TxType.Legacy ? "legacy transaction" : $"type {(int)type} transaction";
        string field = "envelope";
        try
        {
            var outer = new RlpReader(encoded[start..]);
            RlpReader r = outer.ReadList();
            outer.EnsureEnd();

            UInt256? chainId = null;
            UInt256 gasPrice = default, maxPriority = default, maxFee = default, maxFeePerBlobGas = default;
            AccessListItem[] accessList = [];
            Hash256[] blobHashes = [];

            if (type != TxType.Legacy)
            {
                field = "chainId";
                chainId = new UInt256(r.ReadUInt256());
            }
            field = "nonce";
            ulong nonce = r.ReadULong();
            if (type is TxType.Legacy or TxType.AccessList)
            {
                field = "gasPrice";
                gasPrice = new UInt256(r.ReadUInt256());
            }
            else
            {
                field = "maxPriorityFeePerGas";
                maxPriority = new UInt256(r.ReadUInt256());
                field = "maxFeePerGas";
                maxFee = new UInt256(r.ReadUInt256());
            }
            field = "gasLimit";
            ulong gasLimit = r.ReadULong();
            field = "to";
            Address? to = ReadTo(ref r, allowCreate: type != TxType.Blob);
            field = "value";
            var value = new UInt256(r.ReadUInt256());
            field = "data";
            byte[] data = r.ReadBytes().ToArray();
            if (type != TxType.Legacy)
            {
                field = "accessList";
                accessList = ReadAccessList(ref r);
            }
            if (type == TxType.Blob)
            {
                field = "maxFeePerBlobGas";
                maxFeePerBlobGas = new UInt256(r.ReadUInt256());
                field = "blobVersionedHashes";
                blobHashes = ReadHashes(ref r);
            }
            field = type == TxType.Legacy ? "v" : "yParity";
            var v = new UInt256(r.ReadUInt256());
            field = "r";
            var sigR = new UInt256(r.ReadUInt256());
            field = "s";
            var sigS = new UInt256(r.ReadUInt256());
            field = "end of list";
            r.EnsureEnd();

            return new SignedTransaction
            {
                Type = type,
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = gasPrice,
                MaxPriorityFeePerGas = maxPriority,
                MaxFeePerGas = maxFee,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
                MaxFeePerBlobGas = maxFeePerBlobGas,
                BlobVersionedHashes = blobHashes,
                V = v,
                R = sigR,
                S = sigS,
                KnownEncoding = encoded.ToArray(),
            };
        }
        catch (RlpException e)
        {
            throw RlpErrors.Wrap(e, $"{name} field '{field}'", start);
        }
    }

    private static Address? ReadTo(ref RlpReader r, bool allowCreate)
    {
        int at = r.AbsolutePosition;
        ReadOnlySpan<byte> bytes = r.ReadBytes();
        if (bytes.Length == Address.Size) return new Address(bytes);
        if (bytes.Length == 0)
        {
            return allowCreate ? null : throw new RlpException("a blob transaction cannot create a contract (empty recipient)", at);
        }
        throw new RlpException($"expected a 20-byte address or the empty string, found {bytes.Length} bytes", at);
    }

    private static AccessListItem[] ReadAccessList(ref RlpReader r)
    {
        RlpReader list = r.ReadList();
        if (list.IsEnd) return [];
        var items = new List<AccessListItem>();
        while (!list.IsEnd)
        {
            RlpReader entry = list.ReadList();
            Address address = entry.ReadAddress();
            RlpReader keysReader = entry.ReadList();
            var keys = new List<UInt256>();
            while (!keysReader.IsEnd) keys.Add(new UInt256(keysReader.ReadBytes(32)));
            entry.EnsureEnd();
            items.Add(new AccessListItem(address, [.. keys]));
        }
        return [.. items];
    }

    private static Hash256[] ReadHashes(ref RlpReader r)
    {
        RlpReader list = r.ReadList();
        if (list.IsEnd) return [];
        var hashes = new List<Hash256>();
        while (!list.IsEnd) hashes.Add(list.ReadHash256());
        return [.. hashes];
    }
}
