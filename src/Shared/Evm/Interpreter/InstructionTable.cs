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
        /// <summary>MaxStack − MinStack, so the loop checks both bounds with one unsigned compare.</summary>
        public int StackRange;
        /// <summary>A terminator, JUMPI, an undefined opcode, or an instruction that reads the gas left: the basic block ends here.</summary>
        public bool EndsBlock;
        /// <summary>For the dispatch loop: 1 = a block starts after this instruction when it falls through; 2 = JUMPDEST, a block starts here.</summary>
        public byte BlockEdge;
    }

    private static readonly ConditionalWeakTable<ReleaseSpec, InstructionTable> Cache = new();

    /// <summary>Unmanaged, so the loop indexes it without bounds checks; lives as long as the process (one per fork).</summary>
    public Entry* Entries { get; }

    private InstructionTable(ReleaseSpec spec)
    {
        Entries = (Entry*)NativeMemory.AllocZeroed(256, (nuint)sizeof(Entry));
        for (int i = 0; i < 256; i++)
        {
            Set(i, &ControlInstructions.Invalid, 0, 0, 0);
            Entries[i].EndsBlock = true; // undefined until Fill defines it
        }
        Fill(spec);
        MarkBlockEnds();
    }

    public static InstructionTable For(ReleaseSpec spec) => Cache.GetValue(spec, s => new InstructionTable(s));

    private void Set(int opcode, delegate*<VirtualMachine, ref EvmStack, ref long, ref int, EvmStatus> fn, long gas, int pops, int pushes)
    {
        Entry* e = Entries + opcode;
        e->Execute = fn;
        e->StaticGas = gas;
        e->MinStack = pops;
        e->MaxStack = EvmStack.MaxDepth - pushes + pops;
        e->StackRange = e->MaxStack - e->MinStack;
        e->EndsBlock = false;
    }

    private void MarkBlockEnds()
    {
        // STOP JUMP JUMPI GAS SSTORE CREATE CALL CALLCODE RETURN DELEGATECALL CREATE2 STATICCALL REVERT INVALID SELFDESTRUCT
        ReadOnlySpan<byte> ends = [0x00, 0x56, 0x57, 0x5A, 0x55, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xFA, 0xFD, 0xFE, 0xFF];
        for (int i = 0; i < 256; i++)
        {
            if (ends.Contains((byte)i)) Entries[i].EndsBlock = true;
            Entries[i].BlockEdge = i == 0x5B ? (byte)2 : Entries[i].EndsBlock ? (byte)1 : (byte)0;
        }
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
        Set(0x61, &StackInstructions.Push<W2>, GasCostOf.VeryLow, 0, 1);
        Set(0x62, &StackInstructions.Push<W3>, GasCostOf.VeryLow, 0, 1);
        Set(0x63, &StackInstructions.Push<W4>, GasCostOf.VeryLow, 0, 1);
        Set(0x64, &StackInstructions.Push<W5>, GasCostOf.VeryLow, 0, 1);
        Set(0x65, &StackInstructions.Push<W6>, GasCostOf.VeryLow, 0, 1);
        Set(0x66, &StackInstructions.Push<W7>, GasCostOf.VeryLow, 0, 1);
        Set(0x67, &StackInstructions.Push<W8>, GasCostOf.VeryLow, 0, 1);
        Set(0x68, &StackInstructions.Push<W9>, GasCostOf.VeryLow, 0, 1);
        Set(0x69, &StackInstructions.Push<W10>, GasCostOf.VeryLow, 0, 1);
        Set(0x6A, &StackInstructions.Push<W11>, GasCostOf.VeryLow, 0, 1);
        Set(0x6B, &StackInstructions.Push<W12>, GasCostOf.VeryLow, 0, 1);
        Set(0x6C, &StackInstructions.Push<W13>, GasCostOf.VeryLow, 0, 1);
        Set(0x6D, &StackInstructions.Push<W14>, GasCostOf.VeryLow, 0, 1);
        Set(0x6E, &StackInstructions.Push<W15>, GasCostOf.VeryLow, 0, 1);
        Set(0x6F, &StackInstructions.Push<W16>, GasCostOf.VeryLow, 0, 1);
        Set(0x70, &StackInstructions.Push<W17>, GasCostOf.VeryLow, 0, 1);
        Set(0x71, &StackInstructions.Push<W18>, GasCostOf.VeryLow, 0, 1);
        Set(0x72, &StackInstructions.Push<W19>, GasCostOf.VeryLow, 0, 1);
        Set(0x73, &StackInstructions.Push<W20>, GasCostOf.VeryLow, 0, 1);
        Set(0x74, &StackInstructions.Push<W21>, GasCostOf.VeryLow, 0, 1);
        Set(0x75, &StackInstructions.Push<W22>, GasCostOf.VeryLow, 0, 1);
        Set(0x76, &StackInstructions.Push<W23>, GasCostOf.VeryLow, 0, 1);
        Set(0x77, &StackInstructions.Push<W24>, GasCostOf.VeryLow, 0, 1);
        Set(0x78, &StackInstructions.Push<W25>, GasCostOf.VeryLow, 0, 1);
        Set(0x79, &StackInstructions.Push<W26>, GasCostOf.VeryLow, 0, 1);
        Set(0x7A, &StackInstructions.Push<W27>, GasCostOf.VeryLow, 0, 1);
        Set(0x7B, &StackInstructions.Push<W28>, GasCostOf.VeryLow, 0, 1);
        Set(0x7C, &StackInstructions.Push<W29>, GasCostOf.VeryLow, 0, 1);
        Set(0x7D, &StackInstructions.Push<W30>, GasCostOf.VeryLow, 0, 1);
        Set(0x7E, &StackInstructions.Push<W31>, GasCostOf.VeryLow, 0, 1);
        Set(0x7F, &StackInstructions.Push<W32>, GasCostOf.VeryLow, 0, 1);
        Set(0x80, &StackInstructions.Dup<W1>, GasCostOf.VeryLow, 1, 2);
        Set(0x81, &StackInstructions.Dup<W2>, GasCostOf.VeryLow, 2, 3);
        Set(0x82, &StackInstructions.Dup<W3>, GasCostOf.VeryLow, 3, 4);
        Set(0x83, &StackInstructions.Dup<W4>, GasCostOf.VeryLow, 4, 5);
        Set(0x84, &StackInstructions.Dup<W5>, GasCostOf.VeryLow, 5, 6);
        Set(0x85, &StackInstructions.Dup<W6>, GasCostOf.VeryLow, 6, 7);
        Set(0x86, &StackInstructions.Dup<W7>, GasCostOf.VeryLow, 7, 8);
        Set(0x87, &StackInstructions.Dup<W8>, GasCostOf.VeryLow, 8, 9);
        Set(0x88, &StackInstructions.Dup<W9>, GasCostOf.VeryLow, 9, 10);
        Set(0x89, &StackInstructions.Dup<W10>, GasCostOf.VeryLow, 10, 11);
        Set(0x8A, &StackInstructions.Dup<W11>, GasCostOf.VeryLow, 11, 12);
        Set(0x8B, &StackInstructions.Dup<W12>, GasCostOf.VeryLow, 12, 13);
        Set(0x8C, &StackInstructions.Dup<W13>, GasCostOf.VeryLow, 13, 14);
        Set(0x8D, &StackInstructions.Dup<W14>, GasCostOf.VeryLow, 14, 15);
        Set(0x8E, &StackInstructions.Dup<W15>, GasCostOf.VeryLow, 15, 16);
        Set(0x8F, &StackInstructions.Dup<W16>, GasCostOf.VeryLow, 16, 17);
        Set(0x90, &StackInstructions.Swap<W1>, GasCostOf.VeryLow, 2, 2);
        Set(0x91, &StackInstructions.Swap<W2>, GasCostOf.VeryLow, 3, 3);
        Set(0x92, &StackInstructions.Swap<W3>, GasCostOf.VeryLow, 4, 4);
        Set(0x93, &StackInstructions.Swap<W4>, GasCostOf.VeryLow, 5, 5);
        Set(0x94, &StackInstructions.Swap<W5>, GasCostOf.VeryLow, 6, 6);
        Set(0x95, &StackInstructions.Swap<W6>, GasCostOf.VeryLow, 7, 7);
        Set(0x96, &StackInstructions.Swap<W7>, GasCostOf.VeryLow, 8, 8);
        Set(0x97, &StackInstructions.Swap<W8>, GasCostOf.VeryLow, 9, 9);
        Set(0x98, &StackInstructions.Swap<W9>, GasCostOf.VeryLow, 10, 10);
        Set(0x99, &StackInstructions.Swap<W10>, GasCostOf.VeryLow, 11, 11);
        Set(0x9A, &StackInstructions.Swap<W11>, GasCostOf.VeryLow, 12, 12);
        Set(0x9B, &StackInstructions.Swap<W12>, GasCostOf.VeryLow, 13, 13);
        Set(0x9C, &StackInstructions.Swap<W13>, GasCostOf.VeryLow, 14, 14);
        Set(0x9D, &StackInstructions.Swap<W14>, GasCostOf.VeryLow, 15, 15);
        Set(0x9E, &StackInstructions.Swap<W15>, GasCostOf.VeryLow, 16, 16);
        Set(0x9F, &StackInstructions.Swap<W16>, GasCostOf.VeryLow, 17, 17);
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
