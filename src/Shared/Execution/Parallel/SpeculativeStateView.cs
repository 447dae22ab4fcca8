using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.State;

namespace EvmCluster.Execution.Parallel;

/// <summary>
/// The pre-state of transaction <see cref="TransactionIndex"/> during speculation: earlier transactions'
/// writes from multi-version memory, else the block's pre-state (immutable while the block runs).
/// </summary>
internal sealed class SpeculativeStateView(MultiVersionMemory memory, IStateReader preBlock) : IStateReader
{
    public int TransactionIndex { get; set; }

    public bool TryGetAccount(Address address, out AccountRecord account)
    {
        if (memory.TryReadAccount(address, TransactionIndex, out AccountRecord? written))
        {
            account = written.GetValueOrDefault();
            return written.HasValue;
        }
        return preBlock.TryGetAccount(address, out account);
    }

    public UInt256 GetStorage(Address address, in UInt256 slot) =>
        memory.TryReadStorage(address, slot, TransactionIndex, out UInt256 value) ? value : preBlock.GetStorage(address, in slot);

    public byte[] GetCode(in Hash256 codeHash) => memory.TryGetCode(codeHash) ?? preBlock.GetCode(codeHash);

    /// <summary>Approximate under concurrent writes; the committer re-checks it exactly.</summary>
    public bool HasStorage(Address address) => !memory.WasClearedBefore(address, TransactionIndex) && preBlock.HasStorage(address);
}
