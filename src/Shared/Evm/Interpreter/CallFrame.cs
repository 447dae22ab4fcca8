using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter;

/// <summary>One executing call frame: the code, its inputs, its stack and memory. Pooled per call depth.</summary>
public sealed class CallFrame
{
    public CodeInfo Code = CodeInfo.Empty;
    /// <summary>ADDRESS: whose storage and balance the code acts on.</summary>
    public Address Address;
    public Address Caller;
    /// <summary>CALLVALUE (for DELEGATECALL, the parent's).</summary>
    public UInt256 Value;
    public byte[] Input = [];
    public bool IsStatic;
    public int Depth;

    public readonly UInt256[] StackItems = new UInt256[EvmStack.MaxDepth];
    public readonly EvmMemory Memory = new();
    /// <summary>RETURNDATA: the output of this frame's last sub-call or revert.</summary>
    public byte[] ReturnData = [];
    /// <summary>Where RETURN/REVERT left the frame's output in memory.</summary>
    public ulong OutputOffset;
    public ulong OutputLength;

    public void Init(CodeInfo code, Address address, Address caller, in UInt256 value, byte[] input, bool isStatic, int depth)
    {
        Code = code;
        Address = address;
        Caller = caller;
        Value = value;
        Input = input;
        IsStatic = isStatic;
        Depth = depth;
        Memory.Reset();
        ReturnData = [];
        OutputOffset = 0;
        OutputLength = 0;
    }
}
