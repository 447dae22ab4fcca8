namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>EVM opcodes by their mnemonic, as the tests' bytecode builder writes them.</summary>
public enum Opcode : byte
{
    Stop = 0x00,
    Add = 0x01,
    Mul = 0x02,
    Sub = 0x03,
    Div = 0x04,
    SDiv = 0x05,
    Mod = 0x06,
    SMod = 0x07,
    AddMod = 0x08,
    MulMod = 0x09,
    Exp = 0x0A,
    SignExtend = 0x0B,

    Lt = 0x10,
    Gt = 0x11,
    SLt = 0x12,
    SGt = 0x13,
    Eq = 0x14,
    IsZero = 0x15,
    And = 0x16,
    Or = 0x17,
    Xor = 0x18,
    Not = 0x19,
    Byte = 0x1A,
    Shl = 0x1B,
    Shr = 0x1C,
    Sar = 0x1D,

    Keccak256 = 0x20,

    Address = 0x30,
    Balance = 0x31,
    Origin = 0x32,
    Caller = 0x33,
    CallValue = 0x34,
    CallDataLoad = 0x35,
    CallDataSize = 0x36,
    CallDataCopy = 0x37,
    CodeSize = 0x38,
    CodeCopy = 0x39,
    GasPrice = 0x3A,
    ExtCodeSize = 0x3B,
    ExtCodeCopy = 0x3C,
    ReturnDataSize = 0x3D,
    ReturnDataCopy = 0x3E,
    ExtCodeHash = 0x3F,

    BlockHash = 0x40,
    Coinbase = 0x41,
    Timestamp = 0x42,
    Number = 0x43,
    /// <summary>DIFFICULTY before the merge (EIP-4399 renamed it).</summary>
    PrevRandao = 0x44,
    GasLimit = 0x45,
    ChainId = 0x46,
    SelfBalance = 0x47,
    BaseFee = 0x48,
    BlobHash = 0x49,
    BlobBaseFee = 0x4A,

    Pop = 0x50,
    MLoad = 0x51,
    MStore = 0x52,
    MStore8 = 0x53,
    SLoad = 0x54,
    SStore = 0x55,
    Jump = 0x56,
    JumpI = 0x57,
    Pc = 0x58,
    MSize = 0x59,
    Gas = 0x5A,
    JumpDest = 0x5B,
    TLoad = 0x5C,
    TStore = 0x5D,
    MCopy = 0x5E,
    Push0 = 0x5F,
    Push1 = 0x60,
    Push2 = 0x61,
    Push20 = 0x73,
    Push32 = 0x7F,

    Dup1 = 0x80,
    Dup2 = 0x81,
    Dup3 = 0x82,
    Dup16 = 0x8F,
    Swap1 = 0x90,
    Swap2 = 0x91,
    Swap16 = 0x9F,

    Log0 = 0xA0,
    Log1 = 0xA1,
    Log2 = 0xA2,
    Log3 = 0xA3,
    Log4 = 0xA4,

    Create = 0xF0,
    Call = 0xF1,
    CallCode = 0xF2,
    Return = 0xF3,
    DelegateCall = 0xF4,
    Create2 = 0xF5,
    StaticCall = 0xFA,
    Revert = 0xFD,
    Invalid = 0xFE,
    SelfDestruct = 0xFF,
}

public static class OpcodeFamilies
{
    /// <summary>PUSHn for 1 ≤ n ≤ 32.</summary>
    public static Opcode Push(int width)
    {
        if (width is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(width), width, "PUSH width is 1..32");
        return (Opcode)(0x5F + width);
    }

    /// <summary>DUPn for 1 ≤ n ≤ 16.</summary>
    public static Opcode Dup(int n)
    {
        if (n is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(n), n, "DUP depth is 1..16");
        return (Opcode)(0x7F + n);
    }

    /// <summary>SWAPn for 1 ≤ n ≤ 16.</summary>
    public static Opcode Swap(int n)
    {
        if (n is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(n), n, "SWAP depth is 1..16");
        return (Opcode)(0x8F + n);
    }

    /// <summary>LOGn for 0 ≤ n ≤ 4.</summary>
    public static Opcode Log(int topics)
    {
        if (topics is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(topics), topics, "LOG takes 0..4 topics");
        return (Opcode)(0xA0 + topics);
    }
}
