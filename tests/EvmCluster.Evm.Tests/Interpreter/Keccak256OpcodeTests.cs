using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>KECCAK256: 30 gas plus 6 per word hashed plus memory expansion (3·w + w²/512).</summary>
public class Keccak256OpcodeTests
{
    private static readonly UInt256 HashOfEmpty = Words.Hex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    private static readonly UInt256 HashOf32Zeros = Words.Hex("290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563");

    [Fact]
    public void Empty_input_hashes_to_the_empty_hash_without_touching_memory_at_any_offset()
    {
        var code = new BytecodeBuilder().Push(0).Push(Words.Pow2(200)).Op(Opcode.Keccak256).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(HashOfEmpty, run.OutputWord());
        Assert.Equal(ExpectedGas.VeryLow(2) + GasCostOf.Keccak256 + ExpectedGas.ReturnTop(), run.ExecutionGas);
    }

    [Fact]
    public void One_word_of_fresh_memory_pays_one_hash_word_and_one_memory_word()
    {
        var code = new BytecodeBuilder().Push(32).Push(0).Op(Opcode.Keccak256).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(HashOf32Zeros, run.OutputWord());
        long keccak = GasCostOf.Keccak256 + GasCostOf.Keccak256Word + ExpectedGas.Memory(1);
        Assert.Equal(ExpectedGas.VeryLow(2) + keccak + ExpectedGas.ReturnTop(wordsInUse: 1), run.ExecutionGas);
    }

    [Fact]
    public void Hashes_what_was_stored_and_rounds_partial_words_up()
    {
        // 33 bytes: the stored word plus one zero byte; two words to hash, two words of memory.
        UInt256 value = Words.Hex("0102030405060708091011121314151617181920212223242526272829303132");
        var code = new BytecodeBuilder().MStore(0, value).Push(33).Push(0).Op(Opcode.Keccak256).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        byte[] input = [.. value.ToBigEndian(), 0];
        Assert.Equal(new UInt256(Keccak256.Compute(input).ToArray()), run.OutputWord());
        long store = ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1);
        long keccak = ExpectedGas.VeryLow(2) + GasCostOf.Keccak256 + 2 * GasCostOf.Keccak256Word + ExpectedGas.Expansion(1, 2);
        Assert.Equal(store + keccak + ExpectedGas.ReturnTop(wordsInUse: 2), run.ExecutionGas);
    }

    [Fact]
    public void Large_input_pays_the_quadratic_memory_term()
    {
        const int words = 1000; // w²/512 = 1953: the quadratic term dominates the linear 3·w
        var code = new BytecodeBuilder().Push(words * 32).Push(0).Op(Opcode.Keccak256).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Return);

        Assert.Equal(new UInt256(Keccak256.Compute(new byte[words * 32]).ToArray()), run.OutputWord());
        Assert.Equal(3 * words + words * words / 512, ExpectedGas.Memory(words));
        long keccak = GasCostOf.Keccak256 + GasCostOf.Keccak256Word * words + ExpectedGas.Memory(words);
        Assert.Equal(ExpectedGas.VeryLow(2) + keccak + ExpectedGas.ReturnTop(wordsInUse: words), run.ExecutionGas);
    }

    [Fact]
    public void A_length_beyond_any_memory_runs_out_of_gas()
    {
        var code = new BytecodeBuilder().Push(Words.Pow2(64)).Push(0).Op(Opcode.Keccak256).ReturnTop();

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.OutOfGas);

        Assert.Equal(run.AvailableGas, run.ExecutionGas);
    }
}
