using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Tests.Transactions;

/// <summary>Builds and signs transactions of every type with the well-known test key of the Ethereum test suites.</summary>
internal static class TestTransactions
{
    /// <summary>The ethereum/tests secret key; its address is <see cref="Sender"/>.</summary>
    public static readonly byte[] SecretKey = Hex.Decode("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");

    public static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");

    /// <summary>The secp256k1 group order n.</summary>
    public static readonly UInt256 Order = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

    public static SignedTransaction Unsigned(TxType type, ulong chainId = 1, bool create = false) => new()
    {
        Type = type,
        ChainId = chainId,
        Nonce = 7,
        GasPrice = type is TxType.Legacy or TxType.AccessList ? 20_000_000_000UL : default,
        MaxPriorityFeePerGas = type is TxType.Eip1559 or TxType.Blob ? 2_000_000_000UL : default,
        MaxFeePerGas = type is TxType.Eip1559 or TxType.Blob ? 90_000_000_000UL : default,
        GasLimit = 100_000,
        To = create ? null : Address.Parse("0x095e7baea6a6c7c4c2dfeb977efac326af552d87"),
        Value = 1_000_000_000_000_000_000UL,
        Data = Hex.Decode("0xa9059cbb00000000000000000000000000000000000000000000000000000000000000ff"),
        AccessList = type == TxType.Legacy ? [] :
        [
            new AccessListItem(Address.Parse("0x00000000000000000000000000000000000000ff"), [UInt256.One, new UInt256(0, 0, 0, 1UL << 63)]),
            new AccessListItem(Address.Parse("0x1000000000000000000000000000000000000001"), []),
        ],
        MaxFeePerBlobGas = type == TxType.Blob ? 1_000UL : default,
        BlobVersionedHashes = type == TxType.Blob
            ? [Hash256.Parse("0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"), Hash256.Parse("0x0100000000000000000000000000000000000000000000000000000000000001")]
            : [],
    };

    /// <summary>
    /// Signs with <see cref="SecretKey"/>. Legacy transactions use EIP-155 for <paramref name="legacyChainId"/>,
    /// or v = 27/28 when it is null.
    /// </summary>
    public static SignedTransaction Sign(SignedTransaction unsigned, ulong? legacyChainId = 1)
    {
        // A legacy transaction's signing hash depends on v (its chain id): fix that part of v first.
        UInt256 vBase = unsigned.Type != TxType.Legacy ? UInt256.Zero : legacyChainId is { } id ? (UInt256)(id * 2 + 35) : 27UL;
        SignedTransaction template = WithSignature(unsigned, vBase, UInt256.One, UInt256.One);
        var (signature, recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(template.SigningHash.ToArray(), SecretKey);
        return WithSignature(unsigned, vBase + (ulong)recoveryId, new UInt256(signature.AsSpan(0, 32)), new UInt256(signature.AsSpan(32, 32)));
    }

    /// <summary>A copy with another signature.</summary>
    public static SignedTransaction WithSignature(SignedTransaction t, UInt256 v, UInt256 r, UInt256 s) => new()
    {
        Type = t.Type,
        ChainId = t.ChainId,
        Nonce = t.Nonce,
        GasPrice = t.GasPrice,
        MaxPriorityFeePerGas = t.MaxPriorityFeePerGas,
        MaxFeePerGas = t.MaxFeePerGas,
        GasLimit = t.GasLimit,
        To = t.To,
        Value = t.Value,
        Data = t.Data,
        AccessList = t.AccessList,
        MaxFeePerBlobGas = t.MaxFeePerBlobGas,
        BlobVersionedHashes = t.BlobVersionedHashes,
        V = v,
        R = r,
        S = s,
    };
}
