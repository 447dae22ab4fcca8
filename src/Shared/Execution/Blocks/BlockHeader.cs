using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Receipts;

namespace EvmCluster.Execution.Blocks;

/// <summary>
/// A block header of any fork from Frontier to Cancun. The fifteen original fields are always present; the
/// later ones are present from their fork on and absent (null) before it: base fee (London), withdrawals
/// root (Shanghai), blob gas used, excess blob gas and parent beacon block root (Cancun). Each optional
/// field requires all earlier ones, as in the encoding.
/// </summary>
/// <remarks>The hash is computed on first use and cached: set the fields only through the initializer.</remarks>
public sealed class BlockHeader
{
    private StrongBox<Hash256>? _hash;

    /// <summary>A header whose fields are set by the initializer.</summary>
    public BlockHeader() { }

    /// <summary>A header decoded from bytes whose hash is already known.</summary>
    internal BlockHeader(Hash256 knownHash) => _hash = new StrongBox<Hash256>(knownHash);

    /// <summary>Hash of the parent block's header.</summary>
    public Hash256 ParentHash { get; init; }

    /// <summary>keccak(rlp(uncle headers)); the hash of the empty list after the merge.</summary>
    public Hash256 OmmersHash { get; init; }

    /// <summary>The fee recipient (miner / coinbase).</summary>
    public Address Beneficiary { get; init; }

    /// <summary>State root after the block.</summary>
    public Hash256 StateRoot { get; init; }

    /// <summary>Root of the transactions trie.</summary>
    public Hash256 TransactionsRoot { get; init; }

    /// <summary>Root of the receipts trie.</summary>
    public Hash256 ReceiptsRoot { get; init; }

    /// <summary>Bloom of all the block's logs.</summary>
    public Bloom LogsBloom { get; init; } = new();

    /// <summary>Proof-of-work difficulty; zero after the merge.</summary>
    public UInt256 Difficulty { get; init; }

    /// <summary>Block number.</summary>
    public long Number { get; init; }

    /// <summary>Gas limit.</summary>
    public long GasLimit { get; init; }

    /// <summary>Gas used by all transactions.</summary>
    public long GasUsed { get; init; }

    /// <summary>Unix timestamp in seconds.</summary>
    public ulong Timestamp { get; init; }

    /// <summary>Arbitrary extra data (at most 32 bytes on mainnet; not checked here).</summary>
    public byte[] ExtraData { get; init; } = [];

    /// <summary>The proof-of-work mix hash; after the merge, the beacon chain's randomness.</summary>
    public Hash256 MixHash { get; init; }

    /// <summary>Alias of <see cref="MixHash"/> under its post-merge name (EIP-4399).</summary>
    public Hash256 PrevRandao => MixHash;

    /// <summary>The 8-byte proof-of-work nonce, read big-endian; zero after the merge.</summary>
    public ulong Nonce { get; init; }

    /// <summary>Base fee per gas (EIP-1559, London on).</summary>
    public UInt256? BaseFeePerGas { get; init; }

    /// <summary>Root of the withdrawals trie (EIP-4895, Shanghai on).</summary>
    public Hash256? WithdrawalsRoot { get; init; }

    /// <summary>Blob gas used by the block's transactions (EIP-4844, Cancun on).</summary>
    public ulong? BlobGasUsed { get; init; }

    /// <summary>Excess blob gas carried from the parent (EIP-4844, Cancun on).</summary>
    public ulong? ExcessBlobGas { get; init; }

    /// <summary>Root of the parent beacon block (EIP-4788, Cancun on).</summary>
    public Hash256? ParentBeaconBlockRoot { get; init; }

    /// <summary>keccak256(rlp(header)): the block hash.</summary>
    public Hash256 Hash => (_hash ??= new StrongBox<Hash256>(Keccak256.Compute(BlockHeaderCodec.Encode(this)))).Value;

    /// <summary>The header's RLP encoding.</summary>
    public byte[] Encode() => BlockHeaderCodec.Encode(this);

    /// <summary>Decodes a header's RLP strictly.</summary>
    public static BlockHeader Decode(ReadOnlySpan<byte> rlp) => BlockHeaderCodec.Decode(rlp);

    /// <inheritdoc />
    public override string ToString() => $"block {Number} {Hash}";
}
