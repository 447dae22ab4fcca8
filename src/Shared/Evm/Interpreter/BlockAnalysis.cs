namespace EvmCluster.Evm.Interpreter;

/// <summary>
/// Code split into basic blocks for one fork's instruction table, so the dispatch loop charges static
/// gas and checks stack bounds once per block instead of once per instruction. A block ends at a
/// JUMPDEST (a jump target), after a terminator or JUMPI, and after any instruction that reads the
/// gas left (GAS, CALL*, CREATE*, SSTORE's stipend guard): nothing after it in the block may be
/// charged early. Charging a block up front changes no result: if any instruction of the block
/// would run out of gas or stack, the frame fails exceptionally either way, reverting all of it.
/// </summary>
public sealed unsafe class BlockAnalysis
{
    /// <summary>Static gas and stack bounds of one block, checked on entry.</summary>
    public struct Block
    {
        public long Gas;
        /// <summary>Smallest stack height on entry that no instruction of the block underflows.</summary>
        public int MinEntryHeight;
        /// <summary>Largest stack height on entry that no instruction of the block overflows.</summary>
        public int MaxEntryHeight;
    }

    /// <summary>Per code offset: 0, or 1 + the index of the block starting there.</summary>
    public readonly int[] BlockAt;
    public readonly Block[] Blocks;
    public readonly InstructionTable Table;

    public BlockAnalysis(byte[] code, InstructionTable table)
    {
        Table = table;
        BlockAt = new int[code.Length + 1];
        var blocks = new List<Block>();
        InstructionTable.Entry* entries = table.Entries;
        int pc = 0;
        bool startNew = true;
        Block current = default;
        int delta = 0;
        while (pc < code.Length)
        {
            byte op = code[pc];
            if (op == 0x5B) startNew = true;
            if (startNew)
            {
                if (blocks.Count > 0 || current.MaxEntryHeight != 0) blocks.Add(current);
                current = new Block { Gas = 0, MinEntryHeight = 0, MaxEntryHeight = EvmStack.MaxDepth };
                delta = 0;
                BlockAt[pc] = blocks.Count + 1;
                startNew = false;
            }
            InstructionTable.Entry* e = entries + op;
            current.Gas += e->StaticGas;
            current.MinEntryHeight = Math.Max(current.MinEntryHeight, e->MinStack - delta);
            current.MaxEntryHeight = Math.Min(current.MaxEntryHeight, e->MaxStack - delta);
            int pushes = EvmStack.MaxDepth - e->MaxStack + e->MinStack;
            delta += pushes - e->MinStack;
            if (e->EndsBlock) startNew = true;
            pc += op is >= 0x60 and <= 0x7F ? op - 0x5E : 1;
        }
        blocks.Add(current);
        Blocks = [.. blocks];
    }
}
