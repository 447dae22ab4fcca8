namespace EvmCluster.Evm.Specs;

/// <summary>Gas constants of the Yellow Paper and later EIPs, named by meaning (the EIP that set each is noted).</summary>
public static class GasCostOf
{
    public const long Base = 2;
    public const long VeryLow = 3;
    public const long Low = 5;
    public const long Mid = 8;
    public const long High = 10;
    public const long JumpDest = 1;
    public const long Exp = 10;
    public const long ExpByteFrontier = 10;
    public const long ExpByteEip160 = 50;
    public const long Memory = 3;
    public const long QuadCoeffDiv = 512;
    public const long Copy = 3;
    public const long Keccak256 = 30;
    public const long Keccak256Word = 6;
    public const long Log = 375;
    public const long LogTopic = 375;
    public const long LogData = 8;
    public const long BlockHash = 20;

    public const long SloadFrontier = 50;
    public const long SloadEip150 = 200;
    public const long SloadEip1884 = 800;
    public const long BalanceFrontier = 20;
    public const long BalanceEip150 = 400;
    public const long BalanceEip1884 = 700;
    public const long ExtCodeFrontier = 20;
    public const long ExtCodeEip150 = 700;
    public const long ExtCodeHash = 400;            // EIP-1052
    public const long ExtCodeHashEip1884 = 700;
    public const long SelfBalance = 5;              // EIP-1884

    public const long CallFrontier = 40;
    public const long CallEip150 = 700;
    public const long CallValue = 9000;
    public const long CallStipend = 2300;
    public const long NewAccount = 25000;
    public const long SelfDestructEip150 = 5000;
    public const long Create = 32000;
    public const long CodeDeposit = 200;
    public const long InitCodeWord = 2;             // EIP-3860

    public const long SSet = 20000;
    public const long SReset = 5000;
    public const long SClearRefund = 15000;
    public const long SClearRefundEip3529 = 4800;   // SSTORE_RESET - COLD_SLOAD + ACCESS_LIST_STORAGE_KEY
    public const long SelfDestructRefund = 24000;
    public const long NetMeteredSloadEip1283 = 200;
    public const long SstoreSentryEip2200 = 2300;

    public const long ColdSLoad = 2100;             // EIP-2929
    public const long ColdAccountAccess = 2600;     // EIP-2929
    public const long WarmStateRead = 100;          // EIP-2929

    public const long TLoad = 100;                  // EIP-1153
    public const long TStore = 100;                 // EIP-1153
    public const long BlobHash = 3;                 // EIP-4844

    public const long Transaction = 21000;
    public const long TxCreate = 32000;             // EIP-2
    public const long TxDataZero = 4;
    public const long TxDataNonZeroFrontier = 68;
    public const long TxDataNonZeroEip2028 = 16;
    public const long AccessListAddress = 2400;     // EIP-2930
    public const long AccessListStorageKey = 1900;  // EIP-2930
}
