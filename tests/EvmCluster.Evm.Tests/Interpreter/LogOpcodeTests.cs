using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>LOG0–LOG4: 375 + 375 per topic + 8 per data byte + memory; forbidden in static calls; dropped on revert.</summary>
public class LogOpcodeTests
{
    private static readonly UInt256 Pattern = Words.Hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    private static readonly UInt256[] AllTopics = [Words.Hex("0x11"), Words.Max, UInt256.Zero, Words.Pow2(160)];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void LogN_records_topics_and_data_at_its_price(int topicCount)
    {
        const int dataLength = 37;
        UInt256[] topics = AllTopics[..topicCount];
        var code = new BytecodeBuilder().MStore(0, Pattern).Log(topicCount, 0, dataLength, topics);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        LogEntry log = Assert.Single(run.Result.Logs);
        Assert.Equal(EvmHarness.Contract, log.Address);
        Assert.Equal(topics.Select(t => Hash256.FromWord(t)), log.Topics);
        Assert.Equal([.. Pattern.ToBigEndian(), 0, 0, 0, 0, 0], log.Data);
        long store = ExpectedGas.VeryLow(3) + ExpectedGas.Memory(1);
        long logGas = ExpectedGas.VeryLow(topicCount + 2) + GasCostOf.Log + topicCount * GasCostOf.LogTopic
            + dataLength * GasCostOf.LogData + ExpectedGas.Expansion(1, 2);
        Assert.Equal(store + logGas, run.ExecutionGas);
    }

    [Fact]
    public void Empty_log_at_a_huge_offset_pays_no_memory()
    {
        var code = new BytecodeBuilder().Push(0).Push(Words.Pow2(100)).Op(Opcode.Log0);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Stop);

        Assert.Empty(Assert.Single(run.Result.Logs).Data);
        Assert.Equal(ExpectedGas.VeryLow(2) + GasCostOf.Log, run.ExecutionGas);
    }

    [Fact]
    public void Logging_in_a_static_call_fails_the_callee()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().Log(1, 0, 0, UInt256.One));
        var code = new BytecodeBuilder().StaticCall(null, EvmHarness.Other, 0, 0, 0, 0).ReturnTop();

        Execution run = harness.Run(code).Expect(EvmStatus.Return);

        Assert.Equal(UInt256.Zero, run.OutputWord());
        Assert.Empty(run.Result.Logs);
    }

    [Fact]
    public void Logs_of_a_reverted_callee_are_dropped_and_the_caller_keeps_its_own()
    {
        var harness = new EvmHarness(Forks.Cancun);
        harness.Deploy(EvmHarness.Other, new BytecodeBuilder().Log(1, 0, 0, new UInt256(2)).Revert(0, 0));
        harness.Deploy(EvmHarness.Third, new BytecodeBuilder().Log(1, 0, 0, new UInt256(3)));
        var code = new BytecodeBuilder()
            .Log(1, 0, 0, UInt256.One)
            .Call(null, EvmHarness.Other, 0, 0, 0, 0, 0).Op(Opcode.Pop)
            .Call(null, EvmHarness.Third, 0, 0, 0, 0, 0).Op(Opcode.Pop);

        Execution run = harness.Run(code).Expect(EvmStatus.Stop);

        Assert.Equal([EvmHarness.Contract, EvmHarness.Third], run.Result.Logs.Select(l => l.Address));
        Assert.Equal([Hash256.FromWord(UInt256.One), Hash256.FromWord(new UInt256(3))], run.Result.Logs.Select(l => l.Topics[0]));
    }

    [Fact]
    public void A_failed_transaction_has_no_logs()
    {
        var code = new BytecodeBuilder().Log(0, 0, 0).Revert(0, 0);

        Execution run = new EvmHarness(Forks.Cancun).Run(code).Expect(EvmStatus.Revert);

        Assert.Empty(run.Result.Logs);
    }
}
