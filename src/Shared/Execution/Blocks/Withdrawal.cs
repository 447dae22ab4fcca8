using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Rlp;

namespace EvmCluster.Execution.Blocks;

/// <summary>A validator withdrawal (EIP-4895): credited to <paramref name="Address"/> after the block's transactions.</summary>
/// <param name="Index">Global withdrawal index.</param>
/// <param name="ValidatorIndex">Index of the validator on the beacon chain.</param>
/// <param name="Address">Recipient.</param>
/// <param name="AmountGwei">Amount in gwei (10^9 wei).</param>
public sealed record Withdrawal(ulong Index, ulong ValidatorIndex, Address Address, ulong AmountGwei)
{
    /// <summary>rlp([index, validatorIndex, address, amount]): the withdrawals trie's values.</summary>
    public byte[] Encode()
    {
        var writer = new RlpWriter(64);
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Appends rlp([index, validatorIndex, address, amount]).</summary>
    public void Write(RlpWriter writer)
    {
        writer.StartList();
        writer.WriteULong(Index);
        writer.WriteULong(ValidatorIndex);
        writer.WriteAddress(Address);
        writer.WriteULong(AmountGwei);
        writer.EndList();
    }

    /// <summary>Reads the next item of <paramref name="reader"/> as a withdrawal.</summary>
    public static Withdrawal Read(ref RlpReader reader)
    {
        RlpReader r = reader.ReadList();
        var withdrawal = new Withdrawal(r.ReadULong(), r.ReadULong(), r.ReadAddress(), r.ReadULong());
        r.EnsureEnd();
        return withdrawal;
    }

    /// <summary>The amount in wei.</summary>
    public UInt256 AmountWei => (UInt256)AmountGwei * 1_000_000_000UL;
}
