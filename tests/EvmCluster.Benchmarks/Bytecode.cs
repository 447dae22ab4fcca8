namespace EvmCluster.Benchmarks;

/// <summary>Hand-assembled loops for the interpreter benchmarks; each comment gives the gas of one iteration.</summary>
public static class Bytecode
{
    private static byte[] Loop(ushort iterations, byte[] body)
    {
        // PUSH2 n; JUMPDEST(3); body; PUSH1 1 SWAP1 SUB DUP1 PUSH1 3 JUMPI; STOP
        var code = new List<byte> { 0x61, (byte)(iterations >> 8), (byte)iterations, 0x5B };
        code.AddRange(body);
        code.AddRange([0x60, 0x01, 0x90, 0x03, 0x80, 0x60, 0x03, 0x57, 0x00]);
        return [.. code];
    }

    /// <summary>DUP1 DUP1 MUL PUSH1 7 ADD PUSH1 3 DIV PUSH1 0x55 XOR POP + loop control: 59 gas per iteration.</summary>
    public static byte[] ArithmeticLoop(ushort iterations) =>
        Loop(iterations, [0x80, 0x80, 0x02, 0x60, 0x07, 0x01, 0x60, 0x03, 0x04, 0x60, 0x55, 0x18, 0x50]);

    /// <summary>KECCAK256 over 64 bytes of memory, stored back: PUSH1 64 PUSH1 0 SHA3 PUSH1 0 MSTORE.</summary>
    public static byte[] KeccakLoop(ushort iterations) =>
        Loop(iterations, [0x60, 0x40, 0x60, 0x00, 0x20, 0x60, 0x00, 0x52]);

    /// <summary>CALL to <paramref name="callee"/> with no value and no data, result popped.</summary>
    public static byte[] CallLoop(ushort iterations, ushort callee) =>
        Loop(iterations, [0x60, 0x00, 0x80, 0x80, 0x80, 0x80, 0x61, (byte)(callee >> 8), (byte)callee, 0x5A, 0xF1, 0x50]);

    /// <summary>A callee that returns at once.</summary>
    public static readonly byte[] Stop = [0x00];
}
