using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Transactions;

/// <summary>
/// A transaction as it travels in a block: every field of types 0–3 and the signature, before the sender
/// is known. <see cref="SenderRecovery"/> turns it into the EVM's <see cref="Transaction"/>.
/// </summary>
/// <remarks>
/// Fields that a type does not have stay at their defaults and are not encoded. The encoding, hash and
/// signing hash are computed on first use and cached; a decoded transaction keeps its input bytes as
/// <see cref="Encoded"/> (strict decoding guarantees they are canonical). Set the fields only through the
/// initializer: the caches assume they never change afterwards.
/// </remarks>
public sealed class SignedTransaction
{
    private readonly UInt256? _chainId;
    private byte[]? _encoded;
    // Boxed so a cached hash is published whole even when threads race to compute it.
    private StrongBox<Hash256>? _hash;
    private StrongBox<Hash256>? _signingHash;

    /// <summary>Transaction type (EIP-2718); <see cref="TxType.Legacy"/> for the untyped RLP list.</summary>
    public TxType Type { get; init; }

    /// <summary>
    /// Chain id. Typed transactions carry it as a field; for legacy ones it is derived from <see cref="V"/>
    /// (EIP-155: v = 2·chainId + 35 or 36) and is null for unprotected signatures, so a value set here is ignored.
    /// </summary>
    public UInt256? ChainId
    {
        get => Type == TxType.Legacy ? LegacyChainId(V) : _chainId;
        init => _chainId = value;
    }

    /// <summary>Sender's nonce.</summary>
    public ulong Nonce { get; init; }

    /// <summary>Gas price of legacy and access-list transactions.</summary>
    public UInt256 GasPrice { get; init; }

    /// <summary>Priority fee cap (types 2 and 3).</summary>
    public UInt256 MaxPriorityFeePerGas { get; init; }

    /// <summary>Fee cap (types 2 and 3).</summary>
    public UInt256 MaxFeePerGas { get; init; }

    /// <summary>Gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>Recipient; null creates a contract (never for type 3).</summary>
    public Address? To { get; init; }

    /// <summary>Wei transferred.</summary>
    public UInt256 Value { get; init; }

    /// <summary>Call data or init code.</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>Access list (types 1–3).</summary>
    public AccessListItem[] AccessList { get; init; } = [];

    /// <summary>Blob gas fee cap (type 3).</summary>
    public UInt256 MaxFeePerBlobGas { get; init; }

    /// <summary>Versioned hashes of the blobs (type 3).</summary>
    public Hash256[] BlobVersionedHashes { get; init; } = [];

    /// <summary>Legacy: v as signed (27/28 or EIP-155's 2·chainId+35/36). Typed: the y parity, 0 or 1.</summary>
    public UInt256 V { get; init; }

    /// <summary>Signature r.</summary>
    public UInt256 R { get; init; }

    /// <summary>Signature s.</summary>
    public UInt256 S { get; init; }

    /// <summary>Bytes known to be this transaction's canonical encoding (set by the decoder).</summary>
    internal byte[]? KnownEncoding { init => _encoded = value; }

    /// <summary>True for a legacy transaction signed with EIP-155 replay protection.</summary>
    public bool IsEip155Protected => Type == TxType.Legacy && V >= 35;

    /// <summary>
    /// The canonical bytes: the RLP list for legacy transactions, type byte ++ RLP payload for typed ones.
    /// These are the transactions trie's values and what <see cref="Hash"/> hashes. Do not modify the array.
    /// </summary>
    public byte[] Encoded => _encoded ??= TransactionCodec.Encode(this);

    /// <summary>keccak256(<see cref="Encoded"/>): the transaction hash.</summary>
    public Hash256 Hash => (_hash ??= new StrongBox<Hash256>(Keccak256.Compute(Encoded))).Value;

    /// <summary>
    /// The hash the sender signed: keccak(rlp of the six legacy fields), with chainId, 0, 0 appended under
    /// EIP-155; for typed transactions keccak(type ++ rlp(fields without the signature)).
    /// </summary>
    public Hash256 SigningHash => (_signingHash ??= new StrongBox<Hash256>(TransactionCodec.ComputeSigningHash(this))).Value;

    /// <summary>The EVM's transaction, with the sender recovered elsewhere.</summary>
    public Transaction ToTransaction(Address sender) => new()
    {
        Type = Type,
        ChainId = ChainId,
        Nonce = Nonce,
        GasPrice = GasPrice,
        MaxPriorityFeePerGas = MaxPriorityFeePerGas,
        MaxFeePerGas = MaxFeePerGas,
        GasLimit = GasLimit,
        To = To,
        Value = Value,
        Data = Data,
        AccessList = AccessList,
        MaxFeePerBlobGas = MaxFeePerBlobGas,
        BlobVersionedHashes = BlobVersionedHashes,
        Sender = sender,
        Hash = Hash,
    };

    /// <summary>The chain id a legacy v encodes, or null when v is not an EIP-155 value (below 35).</summary>
    public static UInt256? LegacyChainId(in UInt256 v) => v >= 35 ? (v - 35) >> 1 : null;

    /// <inheritdoc />
    public override string ToString() => $"{Type} transaction {Hash}";
}
