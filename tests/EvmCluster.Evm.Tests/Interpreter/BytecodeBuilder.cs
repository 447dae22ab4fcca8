using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>
/// Fluent EVM bytecode writer. Pushes pick the narrowest PUSHn for the value; labels emit a JUMPDEST
/// and jumps to them are written as PUSH2 placeholders patched in <see cref="ToArray"/>.
/// Helpers that take operands push them so that the first parameter ends on top of the stack.
/// </summary>
public sealed class BytecodeBuilder
{
    private readonly List<byte> _code = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int Position, string Label)> _fixups = [];

    /// <summary>Bytes written so far: the offset the next instruction will have.</summary>
    public int Length => _code.Count;

    public BytecodeBuilder Op(Opcode opcode)
    {
        _code.Add((byte)opcode);
        return this;
    }

    public BytecodeBuilder Op(byte opcode)
    {
        _code.Add(opcode);
        return this;
    }

    public BytecodeBuilder Ops(params Opcode[] opcodes)
    {
        foreach (Opcode op in opcodes) Op(op);
        return this;
    }

    /// <summary>Appends bytes as they are (immediates, deliberately broken code, embedded data).</summary>
    public BytecodeBuilder Raw(params byte[] bytes)
    {
        _code.AddRange(bytes);
        return this;
    }

    /// <summary>PUSHn with the fewest bytes that hold <paramref name="value"/> (PUSH1 0x00 for zero: PUSH0 is Shanghai-only).</summary>
    public BytecodeBuilder Push(UInt256 value) => PushWidth(Math.Max(1, value.ByteLength), value);

    public BytecodeBuilder Push(int value) => Push((long)value);

    public BytecodeBuilder Push(long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "push a UInt256 for negative words");
        return Push(new UInt256((ulong)value));
    }

    /// <summary>PUSHn of exactly these bytes (n = length, 1..32).</summary>
    public BytecodeBuilder Push(byte[] bytes)
    {
        _code.Add((byte)OpcodeFamilies.Push(bytes.Length));
        _code.AddRange(bytes);
        return this;
    }

    /// <summary>PUSH20 of the address.</summary>
    public BytecodeBuilder Push(Address address) => Push(address.ToArray());

    /// <summary>PUSHn of the low <paramref name="width"/> bytes of <paramref name="value"/>.</summary>
    public BytecodeBuilder PushWidth(int width, UInt256 value)
    {
        if (value.ByteLength > width) throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {width} bytes");
        byte[] word = value.ToBigEndian();
        return Push(word[(32 - width)..]);
    }

    public BytecodeBuilder Push0() => Op(Opcode.Push0);

    /// <summary>PUSH2 of a label's offset, resolved when the code is finished.</summary>
    public BytecodeBuilder PushLabel(string label)
    {
        _code.Add((byte)Opcode.Push2);
        _fixups.Add((_code.Count, label));
        _code.Add(0);
        _code.Add(0);
        return this;
    }

    /// <summary>Marks a jump target: records the offset and writes JUMPDEST there.</summary>
    public BytecodeBuilder Label(string name)
    {
        if (!_labels.TryAdd(name, _code.Count)) throw new InvalidOperationException($"label '{name}' defined twice");
        return Op(Opcode.JumpDest);
    }

    public BytecodeBuilder JumpDest(string name) => Label(name);

    public BytecodeBuilder Jump(string label) => PushLabel(label).Op(Opcode.Jump);

    /// <summary>Jumps to <paramref name="label"/> if the current top of stack is non-zero.</summary>
    public BytecodeBuilder JumpI(string label) => PushLabel(label).Op(Opcode.JumpI);

    // ---- memory and storage ---------------------------------------------------------------

    public BytecodeBuilder MStore(long offset, UInt256 value) => Push(value).Push(offset).Op(Opcode.MStore);

    /// <summary>Stores the current top of stack at <paramref name="offset"/>.</summary>
    public BytecodeBuilder MStore(long offset) => Push(offset).Op(Opcode.MStore);

    public BytecodeBuilder MStore8(long offset, byte value) => Push((int)value).Push(offset).Op(Opcode.MStore8);

    public BytecodeBuilder MLoad(long offset) => Push(offset).Op(Opcode.MLoad);

    public BytecodeBuilder SStore(UInt256 slot, UInt256 value) => Push(value).Push(slot).Op(Opcode.SStore);

    /// <summary>Stores the current top of stack in <paramref name="slot"/>.</summary>
    public BytecodeBuilder SStore(UInt256 slot) => Push(slot).Op(Opcode.SStore);

    public BytecodeBuilder SLoad(UInt256 slot) => Push(slot).Op(Opcode.SLoad);

    public BytecodeBuilder TStore(UInt256 slot, UInt256 value) => Push(value).Push(slot).Op(Opcode.TStore);

    public BytecodeBuilder TLoad(UInt256 slot) => Push(slot).Op(Opcode.TLoad);

    /// <summary>Writes <paramref name="data"/> to memory at <paramref name="offset"/> with PUSH32/MSTORE per word (zero-padding the last word).</summary>
    public BytecodeBuilder StoreInMemory(long offset, ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i += 32)
        {
            var word = new byte[32];
            data.Slice(i, Math.Min(32, data.Length - i)).CopyTo(word);
            Push(word).Push(offset + i).Op(Opcode.MStore);
        }
        return this;
    }

    /// <summary>
    /// GAS, <paramref name="body"/>, GAS, SWAP1, SUB: leaves the gas the body used plus the second GAS's
    /// <c>GasCostOf.Base</c> on the stack. The body must leave the stack as it found it.
    /// </summary>
    public BytecodeBuilder Measure(Action<BytecodeBuilder> body)
    {
        Op(Opcode.Gas);
        body(this);
        return Op(Opcode.Gas).Op(Opcode.Swap1).Op(Opcode.Sub);
    }

    // ---- calls, creation and halting ------------------------------------------------------

    /// <summary>CALL; a null <paramref name="gas"/> forwards what GAS reports.</summary>
    public BytecodeBuilder Call(UInt256? gas, Address to, UInt256 value, long inOffset, long inLength, long outOffset, long outLength) =>
        Push(outLength).Push(outOffset).Push(inLength).Push(inOffset).Push(value).Push(to).PushGas(gas).Op(Opcode.Call);

    public BytecodeBuilder CallCode(UInt256? gas, Address to, UInt256 value, long inOffset, long inLength, long outOffset, long outLength) =>
        Push(outLength).Push(outOffset).Push(inLength).Push(inOffset).Push(value).Push(to).PushGas(gas).Op(Opcode.CallCode);

    public BytecodeBuilder DelegateCall(UInt256? gas, Address to, long inOffset, long inLength, long outOffset, long outLength) =>
        Push(outLength).Push(outOffset).Push(inLength).Push(inOffset).Push(to).PushGas(gas).Op(Opcode.DelegateCall);

    public BytecodeBuilder StaticCall(UInt256? gas, Address to, long inOffset, long inLength, long outOffset, long outLength) =>
        Push(outLength).Push(outOffset).Push(inLength).Push(inOffset).Push(to).PushGas(gas).Op(Opcode.StaticCall);

    private BytecodeBuilder PushGas(UInt256? gas) => gas is { } g ? Push(g) : Op(Opcode.Gas);

    public BytecodeBuilder Create(UInt256 value, long offset, long length) =>
        Push(length).Push(offset).Push(value).Op(Opcode.Create);

    public BytecodeBuilder Create2(UInt256 value, long offset, long length, UInt256 salt) =>
        Push(salt).Push(length).Push(offset).Push(value).Op(Opcode.Create2);

    public BytecodeBuilder Log(int topicCount, long offset, long length, params UInt256[] topics)
    {
        if (topics.Length != topicCount) throw new ArgumentException("one value per topic", nameof(topics));
        for (int i = topics.Length - 1; i >= 0; i--) Push(topics[i]);
        return Push(length).Push(offset).Op(OpcodeFamilies.Log(topicCount));
    }

    public BytecodeBuilder Return(long offset, long length) => Push(length).Push(offset).Op(Opcode.Return);

    public BytecodeBuilder Revert(long offset, long length) => Push(length).Push(offset).Op(Opcode.Revert);

    /// <summary>MSTORE the top of stack at 0 and RETURN that word: PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN.</summary>
    public BytecodeBuilder ReturnTop() => MStore(0).Return(0, 32);

    public BytecodeBuilder SelfDestruct(Address beneficiary) => Push(beneficiary).Op(Opcode.SelfDestruct);

    public byte[] ToArray()
    {
        byte[] code = [.. _code];
        foreach ((int position, string label) in _fixups)
        {
            if (!_labels.TryGetValue(label, out int target)) throw new InvalidOperationException($"label '{label}' is never defined");
            code[position] = (byte)(target >> 8);
            code[position + 1] = (byte)target;
        }
        return code;
    }

    /// <summary>Bytes of the init-code prefix written by <see cref="InitCodeFor"/>.</summary>
    public const int InitCodePrefixLength = 13;

    /// <summary>
    /// Init code that deploys <paramref name="runtime"/>: PUSH2 len, DUP1, PUSH2 13, PUSH1 0, CODECOPY, PUSH1 0, RETURN,
    /// followed by the runtime bytes.
    /// </summary>
    public static byte[] InitCodeFor(byte[] runtime)
    {
        byte[] prefix = new BytecodeBuilder()
            .PushWidth(2, new UInt256((ulong)runtime.Length)).Op(Opcode.Dup1).PushWidth(2, new UInt256(InitCodePrefixLength)).Push(0).Op(Opcode.CodeCopy)
            .Push(0).Op(Opcode.Return)
            .ToArray();
        if (prefix.Length != InitCodePrefixLength) throw new InvalidOperationException("init-code prefix changed length");
        return [.. prefix, .. runtime];
    }
}
