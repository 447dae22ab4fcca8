using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>0x10–0x1D: comparison, bitwise logic and shifts.</summary>
internal static class BitwiseInstructions
{
    private static EvmStatus Bool(ref EvmStack s, bool value)
    {
        s.Head--;
        s.Peek(0) = value ? UInt256.One : UInt256.Zero;
        return EvmStatus.Continue;
    }

    public static EvmStatus Lt(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        Bool(ref s, UInt256.LessThan(in s.Peek(0), in s.Peek(1)));

    public static EvmStatus Gt(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        Bool(ref s, UInt256.GreaterThan(in s.Peek(0), in s.Peek(1)));

    public static EvmStatus SLt(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        Bool(ref s, UInt256.SignedLessThan(in s.Peek(0), in s.Peek(1)));

    public static EvmStatus SGt(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        Bool(ref s, UInt256.SignedGreaterThan(in s.Peek(0), in s.Peek(1)));

    public static EvmStatus Eq(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc) =>
        Bool(ref s, s.Peek(0).Equals(s.Peek(1)));

    public static EvmStatus IsZero(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        top = top.IsZero ? UInt256.One : UInt256.Zero;
        return EvmStatus.Continue;
    }

    public static EvmStatus And(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.And(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Or(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Or(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Xor(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Xor(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Not(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 top = ref s.Peek(0);
        UInt256.Not(in top, out UInt256 r);
        top = r;
        return EvmStatus.Continue;
    }

    public static EvmStatus Byte(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Byte(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Shl(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 value = ref s.Peek(1);
        UInt256.ShiftLeft(in value, in s.Peek(0), out value);
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Shr(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 value = ref s.Peek(1);
        UInt256.ShiftRight(in value, in s.Peek(0), out value);
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Sar(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 value = ref s.Peek(1);
        UInt256.ArithmeticShiftRight(in value, in s.Peek(0), out value);
        s.Head--;
        return EvmStatus.Continue;
    }
}
