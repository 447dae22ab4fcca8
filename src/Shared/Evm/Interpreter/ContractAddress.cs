using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter;

/// <summary>Where CREATE and CREATE2 put a new contract.</summary>
public static class ContractAddress
{
    /// <summary>CREATE: keccak256(rlp([sender, nonce]))[12..].</summary>
    public static Address From(Address sender, ulong nonce)
    {
        Span<byte> buffer = stackalloc byte[32];
        int nonceLength = nonce < 0x80 ? 1 : 8 - (System.Numerics.BitOperations.LeadingZeroCount(nonce) / 8) + 1;
        buffer[0] = (byte)(0xC0 + 21 + nonceLength);
        buffer[1] = 0x80 + Address.Size;
        sender.WriteTo(buffer.Slice(2, Address.Size));
        Span<byte> tail = buffer[22..];
        if (nonce == 0) tail[0] = 0x80;
        else if (nonce < 0x80) tail[0] = (byte)nonce;
        else
        {
            int bytes = nonceLength - 1;
            tail[0] = (byte)(0x80 + bytes);
            for (int i = 0; i < bytes; i++) tail[1 + i] = (byte)(nonce >> (8 * (bytes - 1 - i)));
        }
        return FromHash(Keccak256.Compute(buffer[..(22 + nonceLength)]));
    }

    /// <summary>CREATE2 (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12..].</summary>
    public static Address From(Address sender, in UInt256 salt, ReadOnlySpan<byte> initCode)
    {
        Span<byte> buffer = stackalloc byte[85];
        buffer[0] = 0xFF;
        sender.WriteTo(buffer.Slice(1, Address.Size));
        salt.ToBigEndian(buffer.Slice(21, 32));
        Keccak256.Compute(initCode, buffer.Slice(53, 32));
        return FromHash(Keccak256.Compute(buffer));
    }

    private static Address FromHash(Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[32];
        hash.WriteTo(bytes);
        return new Address(bytes[12..]);
    }
}
