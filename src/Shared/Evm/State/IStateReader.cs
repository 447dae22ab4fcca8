using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.State;

/// <summary>
/// The state a transaction starts from, as the EVM sees it: four reads and nothing else. Sequential
/// execution serves it from the block's running state, Block-STM from multi-version memory, a
/// worker from its shards.
/// </summary>
public interface IStateReader
{
    bool TryGetAccount(Address address, out AccountRecord account);

    UInt256 GetStorage(Address address, in UInt256 slot);

    /// <summary>Code by its hash (content-addressed, immutable). Unknown hashes are an error of the caller.</summary>
    byte[] GetCode(in Hash256 codeHash);

    /// <summary>Whether the account has any non-zero storage (EIP-7610 creation collisions).</summary>
    bool HasStorage(Address address);
}
