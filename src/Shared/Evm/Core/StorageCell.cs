using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Core;

/// <summary>A storage slot of an account: the state key of one storage word.</summary>
public readonly struct StorageCell : IEquatable<StorageCell>
{
    public readonly Address Address;
    public readonly UInt256 Slot;

    public StorageCell(Address address, in UInt256 slot)
    {
        Address = address;
        Slot = slot;
    }

    public bool Equals(StorageCell other) => Address.Equals(other.Address) && Slot.Equals(other.Slot);
    public override bool Equals(object? obj) => obj is StorageCell other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Address.GetHashCode(), Slot.U0, Slot.U1 ^ Slot.U2 ^ Slot.U3);
    public override string ToString() => $"{Address}[{Slot.ToHexString()}]";
}
