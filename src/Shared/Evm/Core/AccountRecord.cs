using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Core;

/// <summary>An account's basic record: nonce, balance and code hash (kept together because CREATE addresses depend on the nonce).</summary>
public readonly record struct AccountRecord(ulong Nonce, UInt256 Balance, Hash256 CodeHash)
{
    public static AccountRecord Empty => new(0, UInt256.Zero, Keccak256.OfEmpty);

    public bool HasCode => CodeHash != Keccak256.OfEmpty;

    /// <summary>EIP-161 emptiness: no nonce, no balance, no code.</summary>
    public bool IsEmpty => Nonce == 0 && Balance.IsZero && !HasCode;
}
