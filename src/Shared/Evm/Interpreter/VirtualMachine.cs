using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        BlockAnalysis analysis = frame.Code.BlocksFor(_table);
        ref int blockAt = ref MemoryMarshal.GetArrayDataReference(analysis.BlockAt);
        BlockAnalysis.Block[] blocks = analysis.Blocks;
        var stack = new EvmStack(frame.StackItems);
        long gas = gasRef;
        int pc = 0;
        EvmStatus status = EvmStatus.Stop;
        if (code.Length > 0 && code[0] != 0x5B && !EnterBlock(ref blockAt, blocks, 0, stack.Head, ref gas, out status)) goto Done;
        while ((uint)pc < (uint)code.Length)
        {
            InstructionTable.Entry* op = table + code[pc];
            if (op->BlockEdge == 2 && !EnterBlock(ref blockAt, blocks, pc, stack.Head, ref gas, out status)) break;
            pc++;
            status = op->Execute(this, ref stack, ref gas, ref pc);
            if (status != EvmStatus.Continue) break;
            status = EvmStatus.Stop;
            // Fell through a block end (JUMPI not taken, GAS, SSTORE, CALL, CREATE): the next block starts here,
            // unless it begins with a JUMPDEST, which enters its own block.
            if (op->BlockEdge == 1 && (uint)pc < (uint)code.Length && code[pc] != 0x5B
                && !EnterBlock(ref blockAt, blocks, pc, stack.Head, ref gas, out status)) break;
        }
    Done:
        if (status.IsExceptional()) gas = 0;
        gasRef = gas;
        return status;
    }

    /// <summary>Charges the static gas and checks the stack bounds of the basic block starting at <paramref name="pc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EnterBlock(ref int blockAt, BlockAnalysis.Block[] blocks, int pc, int height, ref long gas, out EvmStatus status)
    {
        ref BlockAnalysis.Block b = ref blocks[Unsafe.Add(ref blockAt, pc) - 1];
        // Two signed compares: a block may need more room than exists (Max < Min), which always faults.
        if (height < b.MinEntryHeight || height > b.MaxEntryHeight)
        {
            status = height < b.MinEntryHeight ? EvmStatus.StackUnderflow : EvmStatus.StackOverflow;
            return false;
        }
        gas -= b.Gas;
        status = gas < 0 ? EvmStatus.OutOfGas : EvmStatus.Stop;
        return gas >= 0;
    }
}
