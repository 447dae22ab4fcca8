using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Transactions;

/// <summary>Gas a transaction pays before any code runs: base, calldata, creation, access list, initcode words.</summary>
public static class IntrinsicGas
{
    public static long Calculate(Transaction tx, ReleaseSpec spec)
    {
        long gas = GasCostOf.Transaction;
        long nonZeroCost = spec.TxDataNonZeroCost;
        foreach (byte b in tx.Data) gas += b == 0 ? GasCostOf.TxDataZero : nonZeroCost;
        if (tx.IsCreate)
        {
            if (spec.IsEip2Enabled) gas += GasCostOf.TxCreate;
            if (spec.IsEip3860Enabled) gas += GasCostOf.InitCodeWord * ((tx.Data.Length + 31L) / 32);
        }
        foreach (AccessListItem item in tx.AccessList)
            gas += GasCostOf.AccessListAddress + GasCostOf.AccessListStorageKey * item.StorageKeys.Length;
        return gas;
    }
}
