using EvmCluster.Evm.Core;
using EvmCluster.Evm.Specs;
using EvmCluster.Execution.Blocks;
using EvmCluster.Execution.Processing;
using EvmCluster.Execution.Receipts;
using EvmCluster.Protocol.V1;
using Google.Protobuf;
using static EvmCluster.Protocol.Mapping.Values;

namespace EvmCluster.Protocol.Mapping;

/// <summary>Headers, withdrawals, fork schedules and block hashes on the wire.</summary>
public static class BlockMapping
{
    public static Header ToProto(BlockHeader h)
    {
        var header = new Header
        {
            ParentHash = Bytes(h.ParentHash), OmmersHash = Bytes(h.OmmersHash), Beneficiary = Bytes(h.Beneficiary),
            StateRoot = Bytes(h.StateRoot), TransactionsRoot = Bytes(h.TransactionsRoot), ReceiptsRoot = Bytes(h.ReceiptsRoot),
            LogsBloom = ByteString.CopyFrom(h.LogsBloom.Bytes), Difficulty = Bytes(h.Difficulty), Number = (ulong)h.Number,
            GasLimit = (ulong)h.GasLimit, GasUsed = (ulong)h.GasUsed, Timestamp = h.Timestamp, ExtraData = Bytes(h.ExtraData),
            MixHash = Bytes(h.MixHash), Nonce = h.Nonce,
        };
        if (h.BaseFeePerGas is { } baseFee) header.BaseFeePerGas = Bytes(baseFee);
        if (h.WithdrawalsRoot is { } withdrawalsRoot) header.WithdrawalsRoot = Bytes(withdrawalsRoot);
        if (h.BlobGasUsed is { } blobGasUsed) header.BlobGasUsed = blobGasUsed;
        if (h.ExcessBlobGas is { } excessBlobGas) header.ExcessBlobGas = excessBlobGas;
        if (h.ParentBeaconBlockRoot is { } beaconRoot) header.ParentBeaconBlockRoot = Bytes(beaconRoot);
        return header;
    }

    public static BlockHeader FromProto(Header h)
    {
        if (h.LogsBloom.Length is not (0 or Bloom.Size)) throw new ProtocolException($"header.logs_bloom: {Bloom.Size} bytes, got {h.LogsBloom.Length}");
        if (h.Number > long.MaxValue || h.GasLimit > long.MaxValue || h.GasUsed > long.MaxValue)
            throw new ProtocolException("header: number, gas_limit and gas_used must fit in 63 bits");
        return new BlockHeader
        {
            ParentHash = ToHash(h.ParentHash, "header.parent_hash"),
            OmmersHash = h.OmmersHash.IsEmpty ? BlockRoots.OmmersHash([]) : ToHash(h.OmmersHash, "header.ommers_hash"),
            Beneficiary = ToAddress(h.Beneficiary, "header.beneficiary"),
            StateRoot = h.StateRoot.IsEmpty ? default : ToHash(h.StateRoot, "header.state_root"),
            TransactionsRoot = h.TransactionsRoot.IsEmpty ? default : ToHash(h.TransactionsRoot, "header.transactions_root"),
            ReceiptsRoot = h.ReceiptsRoot.IsEmpty ? default : ToHash(h.ReceiptsRoot, "header.receipts_root"),
            LogsBloom = h.LogsBloom.IsEmpty ? new Bloom() : new Bloom(h.LogsBloom.Span),
            Difficulty = ToUInt256(h.Difficulty, "header.difficulty"),
            Number = (long)h.Number,
            GasLimit = (long)h.GasLimit,
            GasUsed = (long)h.GasUsed,
            Timestamp = h.Timestamp,
            ExtraData = h.ExtraData.ToByteArray(),
            MixHash = h.MixHash.IsEmpty ? default : ToHash(h.MixHash, "header.mix_hash"),
            Nonce = h.Nonce,
            BaseFeePerGas = h.HasBaseFeePerGas ? ToUInt256(h.BaseFeePerGas, "header.base_fee_per_gas") : null,
            WithdrawalsRoot = h.HasWithdrawalsRoot ? ToHash(h.WithdrawalsRoot, "header.withdrawals_root") : null,
            BlobGasUsed = h.HasBlobGasUsed ? h.BlobGasUsed : null,
            ExcessBlobGas = h.HasExcessBlobGas ? h.ExcessBlobGas : null,
            ParentBeaconBlockRoot = h.HasParentBeaconBlockRoot ? ToHash(h.ParentBeaconBlockRoot, "header.parent_beacon_block_root") : null,
        };
    }

    public static V1.Withdrawal ToProto(Execution.Blocks.Withdrawal w) =>
        new() { Index = w.Index, ValidatorIndex = w.ValidatorIndex, Address = Bytes(w.Address), AmountGwei = w.AmountGwei };

    public static Execution.Blocks.Withdrawal FromProto(V1.Withdrawal w) =>
        new(w.Index, w.ValidatorIndex, ToAddress(w.Address, "withdrawal.address"), w.AmountGwei);

    /// <summary>"mainnet" or a single fork's name for every block.</summary>
    public static ForkSchedule Schedule(string name)
    {
        if (string.Equals(name, "mainnet", StringComparison.OrdinalIgnoreCase)) return ForkSchedule.Mainnet;
        if (Forks.TryGet(name, out ReleaseSpec spec)) return ForkSchedule.Fixed(spec);
        throw new ProtocolException($"fork_schedule: unknown '{name}' (use \"mainnet\" or one of {string.Join(", ", Forks.Names)})");
    }

    public static void AddTo(BlockHashes hashes, IEnumerable<V1.BlockHash> entries)
    {
        foreach (V1.BlockHash entry in entries) hashes.Add((long)entry.Number, ToHash(entry.Hash, "block_hashes.hash"));
    }

    public static V1.BlockHash BlockHash(long number, Hash256 hash) => new() { Number = (ulong)number, Hash = Bytes(hash) };
}

/// <summary>The block a batch belongs to, as the EVM needs it on every node.</summary>
public static class EnvironmentMapping
{
    public static BlockEnvironment ToProto(BlockHeader header, string forkSchedule, ulong chainId, IEnumerable<V1.BlockHash> hashes)
    {
        var environment = new BlockEnvironment { Header = BlockMapping.ToProto(header), ForkSchedule = forkSchedule, ChainId = chainId };
        environment.BlockHashes.AddRange(hashes);
        return environment;
    }

    public static Evm.Interpreter.BlockContext ToContext(BlockEnvironment environment, out BlockHeader header)
    {
        header = BlockMapping.FromProto(environment.Header ?? throw new ProtocolException("environment.header is missing"));
        var hashes = new BlockHashes();
        BlockMapping.AddTo(hashes, environment.BlockHashes);
        ReleaseSpec spec = BlockMapping.Schedule(environment.ForkSchedule).For(header.Number, header.Timestamp);
        return BlockContextFactory.From(header, spec, environment.ChainId, hashes);
    }
}
