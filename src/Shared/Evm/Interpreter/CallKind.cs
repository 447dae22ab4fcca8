namespace EvmCluster.Evm.Interpreter;

public enum CallKind : byte
{
    Call,
    CallCode,
    DelegateCall,
    StaticCall,
}

/// <summary>The outcome of a message call or creation, as the caller sees it.</summary>
public readonly record struct CallResult(EvmStatus Status, long GasLeft, byte[] Output)
{
    public bool Succeeded => Status is EvmStatus.Stop or EvmStatus.Return or EvmStatus.SelfDestruct;
}
