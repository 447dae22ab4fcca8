using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvmCluster.Evm.Interpreter.Instructions;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// 256 entries per fork: the instruction's function pointer, its static gas and its stack bounds,
/// so the dispatch loop checks stack depth and base gas before calling and the instruction
/// bodies do neither. Opcodes a fork lacks point at INVALID. Built once per fork.
/// </summary>
public sealed unsafe class InstructionTable
{
    public struct Entry
    {
        public delegate*<VirtualMachine, ref EvmStack, ref long, ref int, EvmStatus> Execute;
        public long StaticGas;
        /// <summary>Items the instruction pops (fewer is an underflow).</summary>
        public int MinStack;
        /// <summary>Largest stack height that leaves room for the items it pushes.</summary>
        public int MaxStack;
    }

    private static readonly ConditionalWeakTable<ReleaseSpec, InstructionTable> Cache = new();

    /// <summary>Unmanaged, so the loop indexes it without bounds checks; lives as long as the process (one per fork).</summary>
    public Entry* Entries { get; }

    private InstructionTable(ReleaseSpec spec)
    {
        Entries = (Entry*)NativeMemory.AllocZeroed(256, (nuint)sizeof(Entry));
        for (int i = 0; i < 256; i++) Set(i, &ControlInstructions.Invalid, 0, 0, 0);
        Fill(spec);
    }

    public static InstructionTable For(ReleaseSpec spec) => Cache.GetValue(spec, s => new InstructionTable(s));

    private void Set(int opcode, delegate*<VirtualMachine, ref EvmStack, ref long, ref int, EvmStatus> fn, long gas, int pops, int pushes)
    {
        Entry* e = Entries + opcode;
        e->Execute = fn;
        e->StaticGas = gas;
        e->MinStack = pops;
        e->MaxStack = EvmStack.MaxDepth - pushes + pops;
    }

    private void Fill(ReleaseSpec spec)
    {
        Set(0x00, &ControlInstructions.Stop, 0, 0, 0);
        Set(0x01, &ArithmeticInstructions.Add, GasCostOf.VeryLow, 2, 1);
        Set(0x02, &ArithmeticInstructions.Mul, GasCostOf.Low, 2, 1);
        Set(0x03, &ArithmeticInstructions.Sub, GasCostOf.VeryLow, 2, 1);
        Set(0x04, &ArithmeticInstructions.Div, GasCostOf.Low, 2, 1);
        Set(0x05, &ArithmeticInstructions.SDiv, GasCostOf.Low, 2, 1);
        Set(0x06, &ArithmeticInstructions.Mod, GasCostOf.Low, 2, 1);
        Set(0x07, &ArithmeticInstructions.SMod, GasCostOf.Low, 2, 1);
        Set(0x08, &ArithmeticInstructions.AddMod, GasCostOf.Mid, 3, 1);
        Set(0x09, &ArithmeticInstructions.MulMod, GasCostOf.Mid, 3, 1);
        Set(0x0A, &ArithmeticInstructions.Exp, GasCostOf.Exp, 2, 1);
        Set(0x0B, &ArithmeticInstructions.SignExtend, GasCostOf.Low, 2, 1);

        Set(0x10, &BitwiseInstructions.Lt, GasCostOf.VeryLow, 2, 1);
        Set(0x11, &BitwiseInstructions.Gt, GasCostOf.VeryLow, 2, 1);
        Set(0x12, &BitwiseInstructions.SLt, GasCostOf.VeryLow, 2, 1);
        Set(0x13, &BitwiseInstructions.SGt, GasCostOf.VeryLow, 2, 1);
        Set(0x14, &BitwiseInstructions.Eq, GasCostOf.VeryLow, 2, 1);
        Set(0x15, &BitwiseInstructions.IsZero, GasCostOf.VeryLow, 1, 1);
        Set(0x16, &BitwiseInstructions.And, GasCostOf.VeryLow, 2, 1);
        Set(0x17, &BitwiseInstructions.Or, GasCostOf.VeryLow, 2, 1);
        Set(0x18, &BitwiseInstructions.Xor, GasCostOf.VeryLow, 2, 1);
        Set(0x19, &BitwiseInstructions.Not, GasCostOf.VeryLow, 1, 1);
        Set(0x1A, &BitwiseInstructions.Byte, GasCostOf.VeryLow, 2, 1);
        if (spec.IsEip145Enabled)
        {
            Set(0x1B, &BitwiseInstructions.Shl, GasCostOf.VeryLow, 2, 1);
            Set(0x1C, &BitwiseInstructions.Shr, GasCostOf.VeryLow, 2, 1);
            Set(0x1D, &BitwiseInstructions.Sar, GasCostOf.VeryLow, 2, 1);
        }
        Set(0x20, &MemoryInstructions.Keccak, GasCostOf.Keccak256, 2, 1);

        Set(0x30, &EnvironmentInstructions.Address, GasCostOf.Base, 0, 1);
        Set(0x31, &EnvironmentInstructions.Balance, spec.BalanceCost, 1, 1);
        Set(0x32, &EnvironmentInstructions.Origin, GasCostOf.Base, 0, 1);
        Set(0x33, &EnvironmentInstructions.Caller, GasCostOf.Base, 0, 1);
        Set(0x34, &EnvironmentInstructions.CallValue, GasCostOf.Base, 0, 1);
        Set(0x35, &EnvironmentInstructions.CallDataLoad, GasCostOf.VeryLow, 1, 1);
        Set(0x36, &EnvironmentInstructions.CallDataSize, GasCostOf.Base, 0, 1);
        Set(0x37, &EnvironmentInstructions.CallDataCopy, GasCostOf.VeryLow, 3, 0);
        Set(0x38, &EnvironmentInstructions.CodeSize, GasCostOf.Base, 0, 1);
        Set(0x39, &EnvironmentInstructions.CodeCopy, GasCostOf.VeryLow, 3, 0);
        Set(0x3A, &EnvironmentInstructions.GasPrice, GasCostOf.Base, 0, 1);
        Set(0x3B, &EnvironmentInstructions.ExtCodeSize, spec.ExtCodeCost, 1, 1);
        Set(0x3C, &EnvironmentInstructions.ExtCodeCopy, spec.ExtCodeCost, 4, 0);
        if (spec.IsEip211Enabled)
        {
            Set(0x3D, &EnvironmentInstructions.ReturnDataSize, GasCostOf.Base, 0, 1);
            Set(0x3E, &EnvironmentInstructions.ReturnDataCopy, GasCostOf.VeryLow, 3, 0);
        }
        if (spec.IsEip1052Enabled) Set(0x3F, &EnvironmentInstructions.ExtCodeHash, spec.ExtCodeHashCost, 1, 1);

        Set(0x40, &BlockInstructions.BlockHash, GasCostOf.BlockHash, 1, 1);
        Set(0x41, &BlockInstructions.Coinbase, GasCostOf.Base, 0, 1);
        Set(0x42, &BlockInstructions.Timestamp, GasCostOf.Base, 0, 1);
        Set(0x43, &BlockInstructions.Number, GasCostOf.Base, 0, 1);
        Set(0x44, &BlockInstructions.PrevRandao, GasCostOf.Base, 0, 1);
        Set(0x45, &BlockInstructions.GasLimit, GasCostOf.Base, 0, 1);
        if (spec.IsEip1344Enabled) Set(0x46, &BlockInstructions.ChainId, GasCostOf.Base, 0, 1);
        if (spec.IsEip1884Enabled) Set(0x47, &EnvironmentInstructions.SelfBalance, GasCostOf.SelfBalance, 0, 1);
        if (spec.IsEip3198Enabled) Set(0x48, &BlockInstructions.BaseFee, GasCostOf.Base, 0, 1);
        if (spec.IsEip4844Enabled) Set(0x49, &BlockInstructions.BlobHash, GasCostOf.BlobHash, 1, 1);
        if (spec.IsEip7516Enabled) Set(0x4A, &BlockInstructions.BlobBaseFee, GasCostOf.Base, 0, 1);

        FillMemoryStorageAndFlow(spec);
        FillSystem(spec);
    }

    private void FillMemoryStorageAndFlow(ReleaseSpec spec)
    {
        Set(0x50, &StackInstructions.Pop, GasCostOf.Base, 1, 0);
        Set(0x51, &MemoryInstructions.MLoad, GasCostOf.VeryLow, 1, 1);
        Set(0x52, &MemoryInstructions.MStore, GasCostOf.VeryLow, 2, 0);
        Set(0x53, &MemoryInstructions.MStore8, GasCostOf.VeryLow, 2, 0);
        Set(0x54, &StorageInstructions.SLoad, spec.SloadCost, 1, 1);
        Set(0x55, &StorageInstructions.SStore, 0, 2, 0);
        Set(0x56, &ControlInstructions.Jump, GasCostOf.Mid, 1, 0);
        Set(0x57, &ControlInstructions.JumpI, GasCostOf.High, 2, 0);
        Set(0x58, &ControlInstructions.Pc, GasCostOf.Base, 0, 1);
        Set(0x59, &MemoryInstructions.MSize, GasCostOf.Base, 0, 1);
        Set(0x5A, &ControlInstructions.Gas, GasCostOf.Base, 0, 1);
        Set(0x5B, &ControlInstructions.JumpDest, GasCostOf.JumpDest, 0, 0);
        if (spec.IsEip1153Enabled)
        {
            Set(0x5C, &StorageInstructions.TLoad, GasCostOf.TLoad, 1, 1);
            Set(0x5D, &StorageInstructions.TStore, GasCostOf.TStore, 2, 0);
        }
        if (spec.IsEip5656Enabled) Set(0x5E, &MemoryInstructions.MCopy, GasCostOf.VeryLow, 3, 0);
        if (spec.IsEip3855Enabled) Set(0x5F, &StackInstructions.Push0, GasCostOf.Base, 0, 1);
        Set(0x60, &StackInstructions.Push1, GasCostOf.VeryLow, 0, 1);
        for (int n = 2; n <= 32; n++) Set(0x5F + n, &StackInstructions.PushN, GasCostOf.VeryLow, 0, 1);
        for (int n = 1; n <= 16; n++) Set(0x7F + n, &StackInstructions.Dup, GasCostOf.VeryLow, n, n + 1);
        for (int n = 1; n <= 16; n++) Set(0x8F + n, &StackInstructions.Swap, GasCostOf.VeryLow, n + 1, n + 1);
        for (int n = 0; n <= 4; n++) Set(0xA0 + n, &LogInstructions.Log, GasCostOf.Log + n * GasCostOf.LogTopic, n + 2, 0);
    }

    private void FillSystem(ReleaseSpec spec)
    {
        Set(0xF0, &CreateInstructions.Create, GasCostOf.Create, 3, 1);
        Set(0xF1, &CallInstructions.Call, spec.CallCost, 7, 1);
        Set(0xF2, &CallInstructions.CallCode, spec.CallCost, 7, 1);
        Set(0xF3, &ControlInstructions.Return, 0, 2, 0);
        if (spec.IsEip7Enabled) Set(0xF4, &CallInstructions.DelegateCall, spec.CallCost, 6, 1);
        if (spec.IsEip1014Enabled) Set(0xF5, &CreateInstructions.Create2, GasCostOf.Create, 4, 1);
        if (spec.IsEip214Enabled) Set(0xFA, &CallInstructions.StaticCall, spec.CallCost, 6, 1);
        if (spec.IsEip140Enabled) Set(0xFD, &ControlInstructions.Revert, 0, 2, 0);
        Set(0xFF, &CreateInstructions.SelfDestruct, spec.SelfDestructCost, 1, 0);
    }
}
