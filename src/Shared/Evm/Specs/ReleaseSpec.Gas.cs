namespace EvmCluster.Evm.Specs;

/// <summary>Prices and limits that follow from the EIP flags, so callers never re-derive them.</summary>
public sealed partial record ReleaseSpec
{
    public const int MaxCodeSize = 24576;                 // EIP-170
    public const int MaxInitCodeSize = 2 * MaxCodeSize;  // EIP-3860
    public const int MaxBlobsPerBlock = 6;               // EIP-4844 (Cancun)
    public const ulong BlobGasPerBlob = 1 << 17;

    public bool UseHotAndColdStorage => IsEip2929Enabled;
    public bool UseNetGasMetering => IsEip1283Enabled || IsEip2200Enabled;
    public bool ClearEmptyAccounts => IsEip158Enabled;
    public bool LimitCodeSize => IsEip170Enabled;

    public long SloadCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip1884Enabled ? GasCostOf.SloadEip1884
        : IsEip150Enabled ? GasCostOf.SloadEip150 : GasCostOf.SloadFrontier;

    /// <summary>Price of a no-op or dirty SSTORE under net metering (EIP-1283/2200/2929).</summary>
    public long NetMeteredSloadCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip2200Enabled ? GasCostOf.SloadEip1884 : GasCostOf.NetMeteredSloadEip1283;

    /// <summary>SSTORE_RESET: EIP-2929 takes the cold-slot charge out of it.</summary>
    public long SResetCost => IsEip2929Enabled ? GasCostOf.SReset - GasCostOf.ColdSLoad : GasCostOf.SReset;

    public long SClearRefund => IsEip3529Enabled ? GasCostOf.SClearRefundEip3529 : GasCostOf.SClearRefund;

    public long BalanceCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip1884Enabled ? GasCostOf.BalanceEip1884
        : IsEip150Enabled ? GasCostOf.BalanceEip150 : GasCostOf.BalanceFrontier;

    public long ExtCodeCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip150Enabled ? GasCostOf.ExtCodeEip150 : GasCostOf.ExtCodeFrontier;

    public long ExtCodeHashCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip1884Enabled ? GasCostOf.ExtCodeHashEip1884 : GasCostOf.ExtCodeHash;

    public long CallCost => IsEip2929Enabled ? GasCostOf.WarmStateRead
        : IsEip150Enabled ? GasCostOf.CallEip150 : GasCostOf.CallFrontier;

    public long SelfDestructCost => IsEip150Enabled ? GasCostOf.SelfDestructEip150 : 0;

    public long ExpByteCost => IsEip160Enabled ? GasCostOf.ExpByteEip160 : GasCostOf.ExpByteFrontier;

    public long TxDataNonZeroCost => IsEip2028Enabled ? GasCostOf.TxDataNonZeroEip2028 : GasCostOf.TxDataNonZeroFrontier;

    /// <summary>Refund cap divisor: gasUsed/2 before London, gasUsed/5 after (EIP-3529).</summary>
    public long MaxRefundQuotient => IsEip3529Enabled ? 5 : 2;
}
