namespace EvmCluster.Evm.Interpreter;

/// <summary>What an instruction or a frame ended with. Everything from <see cref="OutOfGas"/> on is an exceptional halt that burns all gas.</summary>
public enum EvmStatus : byte
{
    Continue,
    Stop,
    Return,
    Revert,
    SelfDestruct,

    OutOfGas,
    StackUnderflow,
    StackOverflow,
    BadJumpDestination,
    BadInstruction,
    StaticCallViolation,
    AccessViolation,      // RETURNDATACOPY past the buffer
    InvalidCode,          // deployed code over the size limit or starting with 0xEF
}

internal static class EvmStatusExtensions
{
    public static bool IsExceptional(this EvmStatus status) => status >= EvmStatus.OutOfGas;
}
