namespace EvmCluster.Evm.Interpreter.Instructions;

/// <summary>An opcode's immediate width (PUSHn) or stack depth (DUPn, SWAPn) as a type, so each variant compiles to its own constant-folded body.</summary>
internal interface IWidth
{
    static abstract int Value { get; }
}

internal readonly struct W1 : IWidth { public static int Value => 1; }
internal readonly struct W2 : IWidth { public static int Value => 2; }
internal readonly struct W3 : IWidth { public static int Value => 3; }
internal readonly struct W4 : IWidth { public static int Value => 4; }
internal readonly struct W5 : IWidth { public static int Value => 5; }
internal readonly struct W6 : IWidth { public static int Value => 6; }
internal readonly struct W7 : IWidth { public static int Value => 7; }
internal readonly struct W8 : IWidth { public static int Value => 8; }
internal readonly struct W9 : IWidth { public static int Value => 9; }
internal readonly struct W10 : IWidth { public static int Value => 10; }
internal readonly struct W11 : IWidth { public static int Value => 11; }
internal readonly struct W12 : IWidth { public static int Value => 12; }
internal readonly struct W13 : IWidth { public static int Value => 13; }
internal readonly struct W14 : IWidth { public static int Value => 14; }
internal readonly struct W15 : IWidth { public static int Value => 15; }
internal readonly struct W16 : IWidth { public static int Value => 16; }
internal readonly struct W17 : IWidth { public static int Value => 17; }
internal readonly struct W18 : IWidth { public static int Value => 18; }
internal readonly struct W19 : IWidth { public static int Value => 19; }
internal readonly struct W20 : IWidth { public static int Value => 20; }
internal readonly struct W21 : IWidth { public static int Value => 21; }
internal readonly struct W22 : IWidth { public static int Value => 22; }
internal readonly struct W23 : IWidth { public static int Value => 23; }
internal readonly struct W24 : IWidth { public static int Value => 24; }
internal readonly struct W25 : IWidth { public static int Value => 25; }
internal readonly struct W26 : IWidth { public static int Value => 26; }
internal readonly struct W27 : IWidth { public static int Value => 27; }
internal readonly struct W28 : IWidth { public static int Value => 28; }
internal readonly struct W29 : IWidth { public static int Value => 29; }
internal readonly struct W30 : IWidth { public static int Value => 30; }
internal readonly struct W31 : IWidth { public static int Value => 31; }
internal readonly struct W32 : IWidth { public static int Value => 32; }
