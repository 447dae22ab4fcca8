using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>Contract addresses derived in the tests from the definitions, independently of the EVM's own helper.</summary>
public static class ExpectedAddress
{
    /// <summary>CREATE: the last 20 bytes of keccak256(rlp([sender, nonce])).</summary>
    public static Address OfCreate(Address sender, ulong nonce)
    {
        byte[] nonceRlp = nonce switch
        {
            0 => [0x80],
            < 0x80 => [(byte)nonce],
            _ => RlpLongScalar(nonce),
        };
        byte[] payload = [0x80 + Address.Size, .. sender.ToArray(), .. nonceRlp];
        byte[] list = [(byte)(0xC0 + payload.Length), .. payload];
        return LastTwentyBytes(Keccak256.Compute(list));
    }

    /// <summary>CREATE2 (EIP-1014): the last 20 bytes of keccak256(0xff ++ sender ++ salt ++ keccak256(initcode)).</summary>
    public static Address OfCreate2(Address sender, UInt256 salt, byte[] initCode)
    {
        byte[] preimage = [0xFF, .. sender.ToArray(), .. salt.ToBigEndian(), .. Keccak256.Compute(initCode).ToArray()];
        return LastTwentyBytes(Keccak256.Compute(preimage));
    }

    private static byte[] RlpLongScalar(ulong value)
    {
        byte[] bytes = new UInt256(value).ToBigEndianTrimmed();
        return [(byte)(0x80 + bytes.Length), .. bytes];
    }

    private static Address LastTwentyBytes(Hash256 hash) => new(hash.ToArray().AsSpan(12));
}
