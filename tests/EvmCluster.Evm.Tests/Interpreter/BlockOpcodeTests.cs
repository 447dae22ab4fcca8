using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>The block environment: NUMBER … BLOBBASEFEE, with the forks that introduced each one.</summary>
public class BlockOpcodeTests
{
    private sealed class FixedBlockHashes : IBlockHashSource
    {
        public Hash256? GetBlockHash(long number) => Hash256.FromWord(new UInt256((ulong)number) + Words.Pow2(255));
    }

    private static Execution RunSingle(ReleaseSpec spec, Opcode op, Action<EvmHarness>? setup = null)
    {
        var harness = new EvmHarness(spec);
        setup?.Invoke(harness);
        return harness.Run(new BytecodeBuilder().Op(op).ReturnTop());
    }

    [Theory]
    [InlineData(Opcode.Number)]
    [InlineData(Opcode.Timestamp)]
    [InlineData(Opcode.Coinbase)]
    [InlineData(Opcode.GasLimit)]
    public void Block_header_fields_cost_base_gas(Opcode op)
    {
        UInt256 expected = op switch
        {
            Opcode.Number => (ulong)EvmHarness.DefaultBlockNumber,
            Opcode.Timestamp => EvmHarness.DefaultTimestamp,
            Opcode.Coinbase => EvmHarness.Coinbase.ToWord(),
            _ => (ulong)EvmHarness.DefaultBlockGasLimit,
        };

        Execution run = RunSingle(Forks.Frontier, op).Expect(EvmStatus.Return);

        Assert.Equal(expected, run.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void ChainId_reads_the_block_chain_id_from_Istanbul()
    {
        Execution run = RunSingle(Forks.Istanbul, Opcode.ChainId, h => h.Block = EvmHarness.DefaultBlock(h.Spec, chainId: 5))
            .Expect(EvmStatus.Return);
        Execution before = RunSingle(Forks.Petersburg, Opcode.ChainId).Expect(EvmStatus.BadInstruction);

        Assert.Equal(new UInt256(5), run.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
        Assert.Equal(before.AvailableGas, before.ExecutionGas);
    }

    [Fact]
    public void BaseFee_reads_the_block_base_fee_from_London()
    {
        Execution run = RunSingle(Forks.London, Opcode.BaseFee).Expect(EvmStatus.Return);
        Execution before = RunSingle(Forks.Berlin, Opcode.BaseFee).Expect(EvmStatus.BadInstruction);

        Assert.Equal(EvmHarness.DefaultBaseFee, run.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
        Assert.Equal(before.AvailableGas, before.ExecutionGas);
    }

    [Fact]
    public void Opcode_0x44_is_difficulty_before_the_merge_and_prevrandao_after()
    {
        Execution london = RunSingle(Forks.London, Opcode.PrevRandao).Expect(EvmStatus.Return);
        Execution paris = RunSingle(Forks.Paris, Opcode.PrevRandao).Expect(EvmStatus.Return);

        Assert.Equal(EvmHarness.DefaultDifficulty, london.OutputWord());
        Assert.Equal(EvmHarness.DefaultPrevRandao.ToWord(), paris.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), paris.ExecutionGas);
    }

    [Fact]
    public void BlockHash_serves_only_the_256_previous_blocks()
    {
        const long n = EvmHarness.DefaultBlockNumber;
        long[] asked = [n - 1, n - 256, n - 257, n, n + 1];
        var code = new BytecodeBuilder();
        for (int i = 0; i < asked.Length; i++) code.Push(asked[i]).Op(Opcode.BlockHash).MStore(32 * i);
        code.Return(0, 32 * asked.Length);
        var harness = new EvmHarness(Forks.Cancun);
        harness.Block = EvmHarness.DefaultBlock(Forks.Cancun, blockHashes: new FixedBlockHashes());

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        var hashes = new FixedBlockHashes();
        Assert.Equal(hashes.GetBlockHash(n - 1)!.Value.ToWord(), run.OutputWord(0));
        Assert.Equal(hashes.GetBlockHash(n - 256)!.Value.ToWord(), run.OutputWord(1));
        Assert.Equal(UInt256.Zero, run.OutputWord(2));
        Assert.Equal(UInt256.Zero, run.OutputWord(3));
        Assert.Equal(UInt256.Zero, run.OutputWord(4));
        long perQuery = GasCostOf.VeryLow + GasCostOf.BlockHash + ExpectedGas.VeryLow(2);
        Assert.Equal(asked.Length * perQuery + ExpectedGas.Memory(asked.Length) + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    private static readonly Hash256 BlobA = Hash256.Parse("0x01" + string.Concat(Enumerable.Repeat("aa", 31)));
    private static readonly Hash256 BlobB = Hash256.Parse("0x01" + string.Concat(Enumerable.Repeat("bb", 31)));

    private static Execution SendBlobTx(EvmHarness harness) => harness.Send(new Transaction
    {
        Type = TxType.Blob,
        Nonce = harness.SenderNonce,
        MaxFeePerGas = 20,
        MaxPriorityFeePerGas = 1,
        MaxFeePerBlobGas = 5,
        GasLimit = EvmHarness.DefaultGasLimit,
        To = EvmHarness.Contract,
        BlobVersionedHashes = [BlobA, BlobB],
        Sender = EvmHarness.Sender,
    });

    [Fact]
    public void BlobHash_indexes_the_transaction_blob_hashes()
    {
        string[] indexes = ["0", "1", "2", "2^64"];
        var code = new BytecodeBuilder();
        for (int i = 0; i < indexes.Length; i++) code.Push(Words.Parse(indexes[i])).Op(Opcode.BlobHash).MStore(32 * i);
        code.Return(0, 32 * indexes.Length);
        var harness = new EvmHarness(Forks.Cancun).Deploy(EvmHarness.Contract, code);

        Execution run = SendBlobTx(harness).Expect(EvmStatus.Return);

        Assert.Equal(BlobA.ToWord(), run.OutputWord(0));
        // The sender paid execution gas at min(20, 7 + 1) = 8 and two blobs of blob gas at the blob base fee (1).
        UInt256 paid = new UInt256((ulong)run.Result.GasUsed) * new UInt256(8) + new UInt256(2 * ReleaseSpec.BlobGasPerBlob);
        Assert.Equal(EvmHarness.SenderBalance - paid, harness.World.Account(EvmHarness.Sender)!.Value.Balance);
        Assert.Equal(BlobB.ToWord(), run.OutputWord(1));
        Assert.Equal(UInt256.Zero, run.OutputWord(2));
        Assert.Equal(UInt256.Zero, run.OutputWord(3));
        long perQuery = GasCostOf.VeryLow + GasCostOf.BlobHash + ExpectedGas.VeryLow(2);
        Assert.Equal(indexes.Length * perQuery + ExpectedGas.Memory(indexes.Length) + ExpectedGas.VeryLow(2), run.ExecutionGas);
    }

    [Fact]
    public void BlobHash_outside_a_blob_transaction_is_zero_and_absent_before_Cancun()
    {
        var code = new BytecodeBuilder().Push(0).Op(Opcode.BlobHash).ReturnTop();

        Execution cancun = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);
        Execution shanghai = new EvmHarness(Forks.Shanghai).Run(code).Expect(EvmStatus.BadInstruction);

        Assert.Equal(UInt256.Zero, cancun.OutputWord());
        Assert.Equal(GasCostOf.VeryLow + GasCostOf.BlobHash + ExpectedGas.ReturnTop(), cancun.ExecutionGas);
        Assert.Equal(shanghai.AvailableGas, shanghai.ExecutionGas);
    }

    [Fact]
    public void BlobBaseFee_reads_the_block_blob_base_fee_from_Cancun()
    {
        Execution run = RunSingle(Forks.Cancun, Opcode.BlobBaseFee, h => h.Block = EvmHarness.DefaultBlock(h.Spec, blobBaseFee: 9))
            .Expect(EvmStatus.Return);
        Execution before = RunSingle(Forks.Shanghai, Opcode.BlobBaseFee).Expect(EvmStatus.BadInstruction);

        Assert.Equal(new UInt256(9), run.OutputWord());
        Assert.Equal(GasCostOf.Base + ExpectedGas.ReturnTop(), run.ExecutionGas);
        Assert.Equal(before.AvailableGas, before.ExecutionGas);
    }
}
