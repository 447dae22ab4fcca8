using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Tests.Transactions;

public sealed class TransactionCodecTests
{
    // EIP-155's worked example: nonce 9, 20 gwei, 21000 gas, to 0x35…35, 1 ether, chain 1, key 0x46…46.
    private const string Eip155SigningData = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    private const string Eip155SigningHash = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
    private const string Eip155SignedTx =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    [Fact]
    public void Eip155_example_decodes_to_its_signing_hash_and_sender()
    {
        SignedTransaction tx = TransactionCodec.Decode(Hex.Decode(Eip155SignedTx));
        Assert.Equal(TxType.Legacy, tx.Type);
        Assert.Equal(9UL, tx.Nonce);
        Assert.Equal(UInt256.Parse("20000000000"), tx.GasPrice);
        Assert.Equal(21000UL, tx.GasLimit);
        Assert.Equal(UInt256.Parse("1000000000000000000"), tx.Value);
        Assert.Equal((UInt256)37UL, tx.V);
        Assert.Equal((UInt256)1UL, tx.ChainId);
        Assert.Equal(Hash256.Parse(Eip155SigningHash), tx.SigningHash);
        Assert.Equal(Keccak256.Compute(Hex.Decode(Eip155SigningData)), tx.SigningHash);
        Assert.Equal(Hex.Decode(Eip155SignedTx), TransactionCodec.Encode(tx));

        RecoveredTransaction r = SenderRecovery.RecoverOne(tx, 0, Forks.SpuriousDragon, 1);
        Assert.True(r.IsValid, r.Error);
        // The address of the secret key 0x4646…46.
        Assert.Equal(Address.Parse("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), r.Transaction!.Sender);
    }

    public static TheoryData<TxType, bool> AllTypes() => new()
    {
        { TxType.Legacy, false }, { TxType.Legacy, true }, { TxType.AccessList, false }, { TxType.AccessList, true },
        { TxType.Eip1559, false }, { TxType.Eip1559, true }, { TxType.Blob, false },
    };

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Signed_transactions_round_trip_and_recover_the_signer(TxType type, bool create)
    {
        SignedTransaction tx = TestTransactions.Sign(TestTransactions.Unsigned(type, create: create));
        byte[] encoded = TransactionCodec.Encode(tx);
        if (type == TxType.Legacy) Assert.True(encoded[0] >= 0xc0);
        else Assert.Equal((byte)type, encoded[0]);

        SignedTransaction decoded = TransactionCodec.Decode(encoded);
        Assert.Equal(encoded, decoded.Encoded);
        Assert.Equal(encoded, TransactionCodec.Encode(decoded));
        Assert.Equal(Keccak256.Compute(encoded), decoded.Hash);
        Assert.Equal(tx.SigningHash, decoded.SigningHash);
        Assert.Equal(create, decoded.To is null);
        Assert.Equal(tx.AccessList.Length, decoded.AccessList.Length);
        Assert.Equal(tx.BlobVersionedHashes, decoded.BlobVersionedHashes);

        RecoveredTransaction r = SenderRecovery.RecoverOne(decoded, 0, Forks.Cancun, 1);
        Assert.True(r.IsValid, r.Error);
        Transaction exec = r.Transaction!;
        Assert.Equal(TestTransactions.Sender, exec.Sender);
        Assert.Equal(type, exec.Type);
        Assert.Equal(decoded.Hash, exec.Hash);
        Assert.Equal(tx.Nonce, exec.Nonce);
        Assert.Equal(tx.Value, exec.Value);
        Assert.Equal(tx.Data, exec.Data);
        Assert.Equal((UInt256)1UL, exec.ChainId);
        Assert.Equal(tx.AccessList.SelectMany(a => a.StorageKeys), exec.AccessList.SelectMany(a => a.StorageKeys));
    }

    [Fact]
    public void Unprotected_legacy_signature_recovers_before_and_after_eip155()
    {
        SignedTransaction tx = TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy), legacyChainId: null);
        Assert.Null(tx.ChainId);
        Assert.True(tx.V == 27UL || tx.V == 28UL);
        foreach (ReleaseSpec spec in new[] { Forks.Frontier, Forks.Homestead, Forks.Cancun })
        {
            RecoveredTransaction r = SenderRecovery.RecoverOne(TransactionCodec.Decode(tx.Encoded), 0, spec, 1);
            Assert.Equal(TestTransactions.Sender, r.Transaction?.Sender);
            Assert.Null(r.Transaction!.ChainId);
        }
    }

    /// <summary>A legacy transaction written field by field, so single fields can be made malformed.</summary>
    private static byte[] LegacyWith(Action<RlpWriter>? nonce = null, Action<RlpWriter>? to = null, Action<RlpWriter>? tail = null, bool dropS = false)
    {
        var w = new RlpWriter();
        w.StartList();
        if (nonce is null) w.WriteULong(1); else nonce(w);
        w.WriteULong(1000);
        w.WriteULong(21000);
        if (to is null) w.WriteAddress(TestTransactions.Sender); else to(w);
        w.WriteULong(5);
        w.WriteBytes([]);
        w.WriteULong(27);
        w.WriteULong(1);
        if (!dropS) w.WriteULong(1);
        tail?.Invoke(w);
        w.EndList();
        return w.ToArray();
    }

    [Fact]
    public void Well_formed_helper_decodes()
    {
        Assert.Equal(1UL, TransactionCodec.Decode(LegacyWith()).Nonce);
    }

    public static TheoryData<string, string, string> Malformed()
    {
        SignedTransaction typed = TestTransactions.Sign(TestTransactions.Unsigned(TxType.Eip1559));
        string typedHex = Hex.Encode(typed.Encoded);
        var blobCreate = TestTransactions.Unsigned(TxType.Blob, create: true);
        return new TheoryData<string, string, string>
        {
            { "empty", "0x", "empty input" },
            { "truncated", typedHex[..^2], "runs past the end" },
            { "trailing byte", typedHex + "00", "trailing" },
            { "unknown type", "0x05" + typedHex[4..], "unsupported transaction type 5" },
            { "string envelope", "0x8201ff", "found an RLP string" },
            { "nonce with leading zero", Hex.Encode(LegacyWith(nonce: w => w.WriteRaw([0x81, 0x00]))), "'nonce'" },
            { "19-byte recipient", Hex.Encode(LegacyWith(to: w => w.WriteBytes(new byte[19]))), "'to'" },
            { "missing s", Hex.Encode(LegacyWith(dropS: true)), "'s'" },
            { "extra field", Hex.Encode(LegacyWith(tail: w => w.WriteULong(1))), "end of list" },
            { "blob transaction creating", Hex.Encode(TransactionCodec.Encode(blobCreate)), "cannot create" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_transactions_are_rejected_naming_the_problem(string what, string hex, string expected)
    {
        var e = Assert.Throws<RlpException>(() => TransactionCodec.Decode(Hex.Decode(hex)));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{what}: '{e.Message}' should mention '{expected}'");
    }
}
