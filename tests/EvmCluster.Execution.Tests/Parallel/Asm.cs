using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>EVM opcodes the conflict contracts use.</summary>
internal static class Op
{
    public const byte Stop = 0x00, Add = 0x01, Sub = 0x03, Gt = 0x11, Eq = 0x14, IsZero = 0x15;
    public const byte Address = 0x30, Balance = 0x31, Caller = 0x33, CallValue = 0x34, CallDataLoad = 0x35, CallDataSize = 0x36;
    public const byte CodeCopy = 0x39, ExtCodeSize = 0x3B, ExtCodeHash = 0x3F;
    public const byte Coinbase = 0x41, Timestamp = 0x42, SelfBalance = 0x47;
    public const byte Pop = 0x50, MLoad = 0x51, MStore = 0x52, SLoad = 0x54, SStore = 0x55, Jump = 0x56, JumpI = 0x57;
    public const byte Gas = 0x5A, JumpDest = 0x5B, TLoad = 0x5C, TStore = 0x5D;
    public const byte Dup1 = 0x80, Dup2 = 0x81, Dup3 = 0x82, Dup6 = 0x85, Swap1 = 0x90;
    public const byte Log0 = 0xA0, Log1 = 0xA1;
    public const byte Create = 0xF0, Call = 0xF1, Return = 0xF3, Create2 = 0xF5, Revert = 0xFD, SelfDestruct = 0xFF;
}

/// <summary>
/// A tiny EVM assembler: opcodes, minimal-width pushes and two-byte label pushes resolved at the end,
/// so the hand-written contracts need no hand-counted offsets.
/// </summary>
internal sealed class Asm
{
    private readonly List<byte> _code = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int At, string Label)> _fixups = [];

    public Asm Ops(params byte[] ops)
    {
        _code.AddRange(ops);
        return this;
    }

    public Asm Push(ulong value)
    {
        if (value == 0)
        {
            _code.Add(0x60);
            _code.Add(0);
            return this;
        }
        int width = 8 - System.Numerics.BitOperations.LeadingZeroCount(value) / 8;
        _code.Add((byte)(0x5F + width));
        for (int i = width - 1; i >= 0; i--) _code.Add((byte)(value >> (8 * i)));
        return this;
    }

    public Asm Push(Address address)
    {
        _code.Add(0x73); // PUSH20
        _code.AddRange(address.ToArray());
        return this;
    }

    /// <summary>PUSH2 of a label's offset, filled in by <see cref="Build"/>.</summary>
    public Asm PushLabel(string label)
    {
        _code.Add(0x61);
        _fixups.Add((_code.Count, label));
        _code.Add(0);
        _code.Add(0);
        return this;
    }

    /// <summary>Marks the current offset (no JUMPDEST: use <see cref="JumpDest"/> for jump targets).</summary>
    public Asm Label(string label)
    {
        _labels.Add(label, _code.Count);
        return this;
    }

    public Asm JumpDest(string label) => Label(label).Ops(Op.JumpDest);

    public Asm Bytes(byte[] bytes)
    {
        _code.AddRange(bytes);
        return this;
    }

    /// <summary>Pushes a call's seven arguments for CALL(gas, to, value, in, inSize, 0, 0): to and gas must be pushed by the caller last.</summary>
    public Asm PushCallTail(ulong argsSize, ulong value) => Push(0).Push(0).Push(argsSize).Push(0).Push(value);

    public byte[] Build()
    {
        byte[] code = [.. _code];
        foreach (var (at, label) in _fixups)
        {
            int target = _labels[label];
            code[at] = (byte)(target >> 8);
            code[at + 1] = (byte)target;
        }
        return code;
    }

    /// <summary>A 32-byte big-endian word.</summary>
    public static byte[] Word(in UInt256 value)
    {
        var word = new byte[32];
        value.ToBigEndian(word);
        return word;
    }

    /// <summary>Calldata of whole words.</summary>
    public static byte[] Words(params UInt256[] words) => [.. words.SelectMany(w => Word(w))];
}
