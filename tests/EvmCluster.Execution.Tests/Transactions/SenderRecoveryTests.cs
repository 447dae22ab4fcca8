using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Rlp;
using EvmCluster.Execution.Transactions;

namespace EvmCluster.Execution.Tests.Transactions;

public sealed class SenderRecoveryTests
{
    private static SignedTransaction Legacy155 => TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy));
    private static SignedTransaction Typed => TestTransactions.Sign(TestTransactions.Unsigned(TxType.Eip1559));

    /// <summary>Two valid transactions then <paramref name="bad"/>, so the error must name index 2.</summary>
    private static string ErrorAtIndex2(SignedTransaction bad, ReleaseSpec spec, ulong chainId = 1)
    {
        RecoveredTransaction[] results = SenderRecovery.Recover([Legacy155, Typed, bad], spec, chainId, threads: 2);
        Assert.True(results[0].IsValid, results[0].Error);
        Assert.True(results[1].IsValid, results[1].Error);
        Assert.False(results[2].IsValid);
        Assert.Null(results[2].Transaction);
        Assert.StartsWith("transaction 2: ", results[2].Error);
        return results[2].Error!;
    }

    private static SignedTransaction HighS(SignedTransaction tx)
    {
        // (r, n − s) with the other parity is the same signature mirrored: valid maths, banned by EIP-2.
        UInt256 flippedV = tx.Type == TxType.Legacy ? (((tx.V - 35) & UInt256.One).IsZero ? tx.V + 1UL : tx.V - 1UL) : tx.V ^ UInt256.One;
        return TestTransactions.WithSignature(tx, flippedV, tx.R, TestTransactions.Order - tx.S);
    }

    [Fact]
    public void High_s_is_accepted_in_Frontier_and_rejected_from_Homestead()
    {
        SignedTransaction unprotected = TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy), legacyChainId: null);
        SignedTransaction high = TestTransactions.WithSignature(unprotected, unprotected.V == 27UL ? 28UL : 27UL, unprotected.R, TestTransactions.Order - unprotected.S);
        RecoveredTransaction frontier = SenderRecovery.RecoverOne(high, 0, Forks.Frontier, 1);
        Assert.Equal(TestTransactions.Sender, frontier.Transaction?.Sender);

        RecoveredTransaction[] homestead = SenderRecovery.Recover([unprotected, high], Forks.Homestead, 1, threads: 1);
        Assert.True(homestead[0].IsValid);
        Assert.Equal("transaction 1: invalid signature: s is above n/2 (EIP-2 requires low s)", homestead[1].Error);

        Assert.Contains("EIP-2", ErrorAtIndex2(HighS(Legacy155), Forks.Cancun));
        Assert.Contains("EIP-2", ErrorAtIndex2(HighS(Typed), Forks.Cancun));
    }

    [Fact]
    public void S_at_exactly_half_the_order_is_allowed()
    {
        UInt256 half = TestTransactions.Order >> 1;
        SignedTransaction tx = TestTransactions.WithSignature(Legacy155, Legacy155.V, Legacy155.R, half);
        RecoveredTransaction r = SenderRecovery.RecoverOne(tx, 0, Forks.Cancun, 1);
        Assert.DoesNotContain("EIP-2", r.Error ?? "");
        SignedTransaction above = TestTransactions.WithSignature(Legacy155, Legacy155.V, Legacy155.R, half + 1UL);
        Assert.Contains("EIP-2", SenderRecovery.RecoverOne(above, 0, Forks.Cancun, 1).Error);
    }

    [Fact]
    public void Wrong_chain_id_is_named()
    {
        Assert.Contains("wrong chain id", ErrorAtIndex2(TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy), legacyChainId: 5), Forks.Cancun));
        Assert.Contains("wrong chain id", ErrorAtIndex2(TestTransactions.Sign(TestTransactions.Unsigned(TxType.AccessList, chainId: 5)), Forks.Cancun));
        Assert.Contains("wrong chain id", ErrorAtIndex2(TestTransactions.Sign(TestTransactions.Unsigned(TxType.Blob, chainId: 1337)), Forks.Cancun));
        // The same transactions are fine on their own chain.
        Assert.True(SenderRecovery.RecoverOne(TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy), legacyChainId: 5), 0, Forks.Cancun, 5).IsValid);
    }

    [Fact]
    public void Out_of_range_r_s_and_v_are_rejected()
    {
        SignedTransaction t = Legacy155;
        Assert.Contains("r is zero", ErrorAtIndex2(TestTransactions.WithSignature(t, t.V, UInt256.Zero, t.S), Forks.Cancun));
        Assert.Contains("s is zero", ErrorAtIndex2(TestTransactions.WithSignature(t, t.V, t.R, UInt256.Zero), Forks.Cancun));
        Assert.Contains("r is not below", ErrorAtIndex2(TestTransactions.WithSignature(t, t.V, TestTransactions.Order, t.S), Forks.Cancun));
        Assert.Contains("s is not below", ErrorAtIndex2(TestTransactions.WithSignature(t, t.V, t.R, TestTransactions.Order), Forks.Cancun));
        Assert.Contains("v = 29", ErrorAtIndex2(TestTransactions.WithSignature(t, 29UL, t.R, t.S), Forks.Cancun));
        Assert.Contains("y parity 2", ErrorAtIndex2(TestTransactions.WithSignature(Typed, 2UL, Typed.R, Typed.S), Forks.Cancun));
    }

    [Fact]
    public void Protection_and_types_need_their_forks()
    {
        SignedTransaction unprotected = TestTransactions.Sign(TestTransactions.Unsigned(TxType.Legacy), legacyChainId: null);
        RecoveredTransaction[] homestead = SenderRecovery.Recover([unprotected, Legacy155], Forks.Homestead, 1, 1);
        Assert.True(homestead[0].IsValid);
        Assert.Contains("transaction 1: invalid signature: v = 37 needs EIP-155", homestead[1].Error);

        RecoveredTransaction[] berlin = SenderRecovery.Recover([Legacy155, TestTransactions.Sign(TestTransactions.Unsigned(TxType.AccessList)), Typed], Forks.Berlin, 1, 1);
        Assert.True(berlin[0].IsValid && berlin[1].IsValid);
        Assert.Equal("transaction 2: type 2 transaction needs EIP-1559, not active in Berlin", berlin[2].Error);
        Assert.Contains("EIP-4844", SenderRecovery.RecoverOne(TestTransactions.Sign(TestTransactions.Unsigned(TxType.Blob)), 0, Forks.Shanghai, 1).Error);
    }

    [Fact]
    public void A_signature_of_other_content_recovers_another_address()
    {
        SignedTransaction t = Legacy155;
        SignedTransaction u = TestTransactions.Unsigned(TxType.Legacy);
        var otherNonce = new SignedTransaction
        {
            Type = u.Type, Nonce = u.Nonce + 1, GasPrice = u.GasPrice, GasLimit = u.GasLimit, To = u.To, Value = u.Value, Data = u.Data,
        };
        SignedTransaction tampered = TestTransactions.WithSignature(otherNonce, t.V, t.R, t.S);
        RecoveredTransaction r = SenderRecovery.RecoverOne(tampered, 0, Forks.Cancun, 1);
        Assert.True(r.IsValid, r.Error);
        Assert.NotEqual(TestTransactions.Sender, r.Transaction!.Sender);
    }

    [Fact]
    public void Malformed_transaction_in_a_block_names_its_index()
    {
        // A Cancun-shaped block whose second transaction has a non-canonical nonce.
        var header = new BlockHeader
        {
            OmmersHash = Evm.Crypto.Keccak256.OfEmptyList, Number = 1, GasLimit = 30_000_000, BaseFeePerGas = 7UL,
            WithdrawalsRoot = global::EvmCluster.Execution.Trie.PatriciaTrie.EmptyRoot, BlobGasUsed = 0, ExcessBlobGas = 0, ParentBeaconBlockRoot = Hash256.Zero,
        };
        byte[] good = Typed.Encoded;
        byte[] bad = (byte[])good.Clone();
        int nonceAt = NonceOffset(good);
        Assert.Equal(0x07, bad[nonceAt]);
        bad[nonceAt] = 0x00; // a lone 0x00 is not canonical for zero
        var w = new RlpWriter();
        w.StartList();
        BlockHeaderCodec.Write(w, header);
        w.StartList();
        w.WriteBytes(good);
        w.WriteBytes(bad);
        w.EndList();
        w.WriteEmptyList();
        w.WriteEmptyList();
        w.EndList();
        var e = Assert.Throws<RlpException>(() => BlockCodec.Decode(w.ToArray()));
        Assert.StartsWith("RLP: transaction 1: type 2 transaction field 'nonce'", e.Message);

        // A legacy transaction may not hide inside a string.
        var w2 = new RlpWriter();
        w2.StartList();
        BlockHeaderCodec.Write(w2, header);
        w2.StartList();
        w2.WriteBytes(Legacy155.Encoded);
        w2.EndList();
        w2.WriteEmptyList();
        w2.WriteEmptyList();
        w2.EndList();
        var e2 = Assert.Throws<RlpException>(() => BlockCodec.Decode(w2.ToArray()));
        Assert.Contains("transaction 0", e2.Message);
    }

    /// <summary>Offset of the nonce in a typed transaction's bytes: after the type byte, the list header and the chain id.</summary>
    private static int NonceOffset(byte[] typed)
    {
        RlpReader list = new RlpReader(typed.AsSpan(1)).ReadList();
        list.SkipItem();
        return 1 + list.AbsolutePosition;
    }
}
