using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

/// <summary>An account as a running transaction sees it: the pre-state record plus this transaction's changes.</summary>
internal sealed class AccountObject
{
    public bool Exists;
    public ulong Nonce;
    public UInt256 Balance;
    public Hash256 CodeHash = Keccak256.OfEmpty;
    public byte[]? Code;
    /// <summary>Set once any field changed in this transaction (so it belongs to the write set).</summary>
    public bool Dirty;

    public bool IsEmpty => Nonce == 0 && Balance.IsZero && CodeHash == Keccak256.OfEmpty;

    public AccountRecord ToRecord() => new(Nonce, Balance, CodeHash);

    public AccountSnapshot Snapshot() => new(Exists, Nonce, Balance, CodeHash, Code, Dirty);

    public void Restore(in AccountSnapshot s)
    {
        Exists = s.Exists;
        Nonce = s.Nonce;
        Balance = s.Balance;
        CodeHash = s.CodeHash;
        Code = s.Code;
        Dirty = s.Dirty;
    }
}

/// <summary>A copy of an account's fields for the journal.</summary>
internal readonly record struct AccountSnapshot(bool Exists, ulong Nonce, UInt256 Balance, Hash256 CodeHash, byte[]? Code, bool Dirty);
