using System.Runtime.CompilerServices;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.State;

namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// Runs EVM code for one transaction at a time. Instructions come from a per-fork table of
/// function pointers; calls and creations recurse through <see cref="Call"/> and <see cref="Create"/>,
/// so run it on a thread with a large stack (see <see cref="RequiredStackSize"/>).
/// </summary>
public sealed unsafe partial class VirtualMachine
{
    public const int MaxCallDepth = 1024;
    /// <summary>Native stack a thread needs for 1,024 nested calls.</summary>
    public const int RequiredStackSize = 64 * 1024 * 1024;

    private readonly CallFrame?[] _frames = new CallFrame?[MaxCallDepth + 1];
    private InstructionTable _table = null!;

    public ReleaseSpec Spec { get; private set; } = null!;
    public BlockContext Block { get; private set; } = null!;
    public TxContext Tx { get; private set; }
    public TransactionState State { get; private set; } = null!;

    /// <summary>The frame being executed; instructions reach their environment through it.</summary>
    public CallFrame Frame { get; private set; } = null!;

    /// <summary>The running frame's code, kept here so PUSH/DUP/SWAP read it with one load.</summary>
    internal byte[] Code = [];

    public void Prepare(BlockContext block, in TxContext tx, TransactionState state)
    {
        Block = block;
        Spec = block.Spec;
        Tx = tx;
        State = state;
        _table = InstructionTable.For(block.Spec);
    }

    private CallFrame RentFrame(int depth) => _frames[depth] ??= new CallFrame();

    /// <summary>Runs <paramref name="frame"/>'s code from the start with <paramref name="gas"/>.</summary>
    private EvmStatus Run(CallFrame frame, ref long gas)
    {
        CallFrame? parent = Frame;
        byte[] parentCode = Code;
        Frame = frame;
        Code = frame.Code.Code;
        EvmStatus status = RunLoop(frame, ref gas);
        Frame = parent!;
        Code = parentCode;
        return status;
    }

    [SkipLocalsInit]
    private EvmStatus RunLoop(CallFrame frame, ref long gasRef)
    {
        InstructionTable.Entry* table = _table.Entries;
        byte[] code = frame.Code.Code;
        var stack = new EvmStack(frame.StackItems);
        long gas = gasRef;
        int pc = 0;
        EvmStatus status = EvmStatus.Stop;
        while ((uint)pc < (uint)code.Length)
        {
            InstructionTable.Entry* op = table + code[pc];
            if (stack.Head < op->MinStack) { status = EvmStatus.StackUnderflow; break; }
            if (stack.Head > op->MaxStack) { status = EvmStatus.StackOverflow; break; }
            gas -= op->StaticGas;
            if (gas < 0) { status = EvmStatus.OutOfGas; break; }
            pc++;
            status = op->Execute(this, ref stack, ref gas, ref pc);
            if (status != EvmStatus.Continue) break;
            status = EvmStatus.Stop;
        }
        if (status.IsExceptional()) gas = 0;
        gasRef = gas;
        return status;
    }
}
