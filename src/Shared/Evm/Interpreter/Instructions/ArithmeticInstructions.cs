using EvmCluster.Evm.Numerics;

namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>0x01–0x0B: arithmetic. Operands are read in place and the result overwrites the new top.</summary>
internal static class ArithmeticInstructions
{
    public static EvmStatus Add(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Add(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Mul(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Multiply(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Sub(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Subtract(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Div(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Divide(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus SDiv(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.SignedDivide(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus Mod(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.Mod(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus SMod(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.SignedMod(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }

    public static EvmStatus AddMod(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 third = ref s.Peek(2);
        UInt256.AddMod(in s.Peek(0), in s.Peek(1), in third, out third);
        s.Head -= 2;
        return EvmStatus.Continue;
    }

    public static EvmStatus MulMod(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 third = ref s.Peek(2);
        UInt256.MultiplyMod(in s.Peek(0), in s.Peek(1), in third, out third);
        s.Head -= 2;
        return EvmStatus.Continue;
    }

    public static EvmStatus Exp(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 exponent = ref s.Peek(1);
        gas -= vm.Spec.ExpByteCost * exponent.ByteLength;
        if (gas < 0) return EvmStatus.OutOfGas;
        UInt256.Exp(in s.Peek(0), in exponent, out UInt256 r);
        s.Head--;
        s.Peek(0) = r;
        return EvmStatus.Continue;
    }

    public static EvmStatus SignExtend(VirtualMachine vm, ref EvmStack s, ref long gas, ref int pc)
    {
        ref UInt256 second = ref s.Peek(1);
        UInt256.SignExtend(in s.Peek(0), in second, out second); // outputs may alias inputs
        s.Head--;
        return EvmStatus.Continue;
    }
}
