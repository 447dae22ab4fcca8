using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;

namespace EvmCluster.Protocol.Sharding;

/// <summary>
/// State-key ownership: an account, its storage and its code belong to the shard named by the leading
/// byte of keccak256(address), so each shard owns a subtree of the state trie two nibbles down.
/// </summary>
public static class ShardKeys
{
    public const int ShardCount = 256;
    public const int PrefixNibbles = 2;

    public static int ShardOf(Address address)
    {
        Span<byte> bytes = stackalloc byte[20];
        address.WriteTo(bytes);
        return Keccak256.Compute(bytes).FirstByte;
    }

    public static string EntityId(int shard) => shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
