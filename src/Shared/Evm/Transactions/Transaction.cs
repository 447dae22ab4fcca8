using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Transactions;

public enum TxType : byte
{
    Legacy = 0,
    AccessList = 1,   // EIP-2930
    Eip1559 = 2,
    Blob = 3,         // EIP-4844
}

/// <summary>An access-list entry (EIP-2930): an address and storage keys to pre-warm.</summary>
public sealed record AccessListItem(Address Address, UInt256[] StorageKeys);

/// <summary>A transaction with its sender already recovered: what the transaction processor executes.</summary>
public sealed class Transaction
{
    public TxType Type { get; init; }
    public UInt256? ChainId { get; init; }
    public ulong Nonce { get; init; }
    /// <summary>Legacy and access-list transactions' gas price; for EIP-1559 types, see <see cref="MaxFeePerGas"/>.</summary>
    public UInt256 GasPrice { get; init; }
    public UInt256 MaxPriorityFeePerGas { get; init; }
    public UInt256 MaxFeePerGas { get; init; }
    public ulong GasLimit { get; init; }
    /// <summary>Recipient; null creates a contract.</summary>
    public Address? To { get; init; }
    public UInt256 Value { get; init; }
    public byte[] Data { get; init; } = [];
    public AccessListItem[] AccessList { get; init; } = [];
    public UInt256 MaxFeePerBlobGas { get; init; }
    public Hash256[] BlobVersionedHashes { get; init; } = [];
    public required Address Sender { get; init; }
    public Hash256 Hash { get; init; }

    public bool IsCreate => To is null;
    public bool UsesFeeMarket => Type is TxType.Eip1559 or TxType.Blob;

    /// <summary>The most a unit of gas can cost: the fee cap for fee-market types, the gas price otherwise.</summary>
    public UInt256 FeeCap => UsesFeeMarket ? MaxFeePerGas : GasPrice;
    public UInt256 PriorityFeeCap => UsesFeeMarket ? MaxPriorityFeePerGas : GasPrice;

    public ulong BlobGas => (ulong)BlobVersionedHashes.Length * Specs.ReleaseSpec.BlobGasPerBlob;
}
