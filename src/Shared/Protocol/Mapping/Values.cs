using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using Google.Protobuf;

namespace EvmCluster.Protocol.Mapping;

/// <summary>
/// Scalar values on the wire. Malformed input (a 19-byte address, a 33-byte number) raises
/// <see cref="ProtocolException"/> naming the field, so a bad request gets a clear error.
/// </summary>
public static class Values
{
    public static ByteString Bytes(Address address) => UnsafeByteOperations.UnsafeWrap(address.ToArray());
    public static ByteString Bytes(Hash256 hash) => UnsafeByteOperations.UnsafeWrap(hash.ToArray());
    public static ByteString Bytes(in UInt256 value) => value.IsZero ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(value.ToBigEndianTrimmed());
    public static ByteString Bytes(byte[] bytes) => UnsafeByteOperations.UnsafeWrap(bytes);

    public static Address ToAddress(ByteString bytes, string field)
    {
        if (bytes.Length != 20) throw new ProtocolException($"{field}: an address is 20 bytes, got {bytes.Length}");
        return new Address(bytes.Span);
    }

    public static Hash256 ToHash(ByteString bytes, string field)
    {
        if (bytes.Length != 32) throw new ProtocolException($"{field}: a hash is 32 bytes, got {bytes.Length}");
        return new Hash256(bytes.Span);
    }

    public static UInt256 ToUInt256(ByteString bytes, string field)
    {
        if (bytes.Length > 32) throw new ProtocolException($"{field}: a 256-bit number is at most 32 bytes, got {bytes.Length}");
        return bytes.Length == 0 ? UInt256.Zero : new UInt256(bytes.Span);
    }
}

/// <summary>A message that cannot be understood: the text says which field and why.</summary>
public sealed class ProtocolException(string message) : Exception(message);
