namespace EvmCluster.Evm.Specs;

/// <summary>
/// The rules of one fork as one flag per EIP. Fork classes inherit the previous fork and switch
/// on what they add, so a rule is always looked up by meaning, never by fork name.
/// </summary>
public interface IReleaseSpec
{
    string Name { get; }

    bool IsEip2Enabled { get; }      // Homestead: contract-creation rules, low-s signatures
    bool IsEip7Enabled { get; }      // Homestead: DELEGATECALL
    bool IsEip150Enabled { get; }    // Tangerine Whistle: IO repricing, 63/64 call gas
    bool IsEip155Enabled { get; }    // Spurious Dragon: chain id in signatures
    bool IsEip158Enabled { get; }    // Spurious Dragon: empty accounts (EIP-161)
    bool IsEip160Enabled { get; }    // Spurious Dragon: EXP byte price
    bool IsEip170Enabled { get; }    // Spurious Dragon: code size limit
    bool IsEip140Enabled { get; }    // Byzantium: REVERT
    bool IsEip196Enabled { get; }    // Byzantium: BN254 add/mul
    bool IsEip197Enabled { get; }    // Byzantium: BN254 pairing
    bool IsEip198Enabled { get; }    // Byzantium: MODEXP
    bool IsEip211Enabled { get; }    // Byzantium: RETURNDATASIZE/COPY
    bool IsEip214Enabled { get; }    // Byzantium: STATICCALL
    bool IsEip658Enabled { get; }    // Byzantium: receipt status code
    bool IsEip145Enabled { get; }    // Constantinople: SHL/SHR/SAR
    bool IsEip1014Enabled { get; }   // Constantinople: CREATE2
    bool IsEip1052Enabled { get; }   // Constantinople: EXTCODEHASH
    bool IsEip1283Enabled { get; }   // Constantinople only: net-metered SSTORE
    bool IsEip152Enabled { get; }    // Istanbul: BLAKE2F
    bool IsEip1108Enabled { get; }   // Istanbul: cheaper BN254
    bool IsEip1344Enabled { get; }   // Istanbul: CHAINID
    bool IsEip1884Enabled { get; }   // Istanbul: SLOAD/BALANCE/EXTCODEHASH repricing, SELFBALANCE
    bool IsEip2028Enabled { get; }   // Istanbul: cheaper non-zero calldata
    bool IsEip2200Enabled { get; }   // Istanbul: net-metered SSTORE with stipend guard
    bool IsEip2565Enabled { get; }   // Berlin: MODEXP repricing
    bool IsEip2929Enabled { get; }   // Berlin: warm/cold access
    bool IsEip2930Enabled { get; }   // Berlin: access-list transactions
    bool IsEip1559Enabled { get; }   // London: base fee
    bool IsEip3198Enabled { get; }   // London: BASEFEE
    bool IsEip3529Enabled { get; }   // London: smaller refunds
    bool IsEip3541Enabled { get; }   // London: reject code starting with 0xEF
    bool IsEip4399Enabled { get; }   // Paris: PREVRANDAO, proof of stake
    bool IsEip3651Enabled { get; }   // Shanghai: warm coinbase
    bool IsEip3855Enabled { get; }   // Shanghai: PUSH0
    bool IsEip3860Enabled { get; }   // Shanghai: initcode limit and metering
    bool IsEip4895Enabled { get; }   // Shanghai: withdrawals
    bool IsEip1153Enabled { get; }   // Cancun: transient storage
    bool IsEip4788Enabled { get; }   // Cancun: beacon block root in the EVM
    bool IsEip4844Enabled { get; }   // Cancun: blob transactions, BLOBHASH, point evaluation
    bool IsEip5656Enabled { get; }   // Cancun: MCOPY
    bool IsEip6780Enabled { get; }   // Cancun: SELFDESTRUCT only in the creating transaction
    bool IsEip7516Enabled { get; }   // Cancun: BLOBBASEFEE
}
