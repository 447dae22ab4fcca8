using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EvmCluster.Evm.Crypto;

/// <summary>
/// Eight independent Keccak-f[1600] permutations at once with AVX-512: element j of vector i is lane i of
/// state j, so the round is the scalar round on vectors (vprolq for rotations, vpternlogq for the
/// three-input xors of theta and for chi). Callers must check <see cref="IsSupported"/>.
/// </summary>
internal static class KeccakF1600x8
{
    public const int Width = 8;

    public static bool IsSupported => Avx512F.IsSupported;

    // vpternlogq truth tables: a ^ b ^ c, and chi's a ^ (~b & c).
    private const byte Xor3 = 0x96;
    private const byte Chi = 0xD2;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Applies the 24 rounds to all eight states; <paramref name="state"/> holds 25 lane vectors.</summary>
    // Straight-line arithmetic gains nothing from tiering up; unoptimized it is many times slower.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Permute(Span<Vector512<ulong>> state)
    {
        if (state.Length < KeccakF1600.Lanes) throw new ArgumentException("the Keccak state is 25 lanes", nameof(state));
        ref Vector512<ulong> s = ref MemoryMarshal.GetReference(state);
        Vector512<ulong> a00 = Unsafe.Add(ref s, 0), a01 = Unsafe.Add(ref s, 1), a02 = Unsafe.Add(ref s, 2), a03 = Unsafe.Add(ref s, 3), a04 = Unsafe.Add(ref s, 4);
        Vector512<ulong> a05 = Unsafe.Add(ref s, 5), a06 = Unsafe.Add(ref s, 6), a07 = Unsafe.Add(ref s, 7), a08 = Unsafe.Add(ref s, 8), a09 = Unsafe.Add(ref s, 9);
        Vector512<ulong> a10 = Unsafe.Add(ref s, 10), a11 = Unsafe.Add(ref s, 11), a12 = Unsafe.Add(ref s, 12), a13 = Unsafe.Add(ref s, 13), a14 = Unsafe.Add(ref s, 14);
        Vector512<ulong> a15 = Unsafe.Add(ref s, 15), a16 = Unsafe.Add(ref s, 16), a17 = Unsafe.Add(ref s, 17), a18 = Unsafe.Add(ref s, 18), a19 = Unsafe.Add(ref s, 19);
        Vector512<ulong> a20 = Unsafe.Add(ref s, 20), a21 = Unsafe.Add(ref s, 21), a22 = Unsafe.Add(ref s, 22), a23 = Unsafe.Add(ref s, 23), a24 = Unsafe.Add(ref s, 24);
        Vector512<ulong> e00, e01, e02, e03, e04, e05, e06, e07, e08, e09, e10, e11, e12;
        Vector512<ulong> e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
        Vector512<ulong> c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4;

        ref ulong rc = ref MemoryMarshal.GetReference(RoundConstants);
        // The same round pair as KeccakF1600.Permute, one vector instruction per lane operation.
        for (int round = 0; round < 24; round += 2)
        {
            c0 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(a00, a05, a10, Xor3), a15, a20, Xor3);
            c1 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(a01, a06, a11, Xor3), a16, a21, Xor3);
            c2 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(a02, a07, a12, Xor3), a17, a22, Xor3);
            c3 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(a03, a08, a13, Xor3), a18, a23, Xor3);
            c4 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(a04, a09, a14, Xor3), a19, a24, Xor3);
            d0 = c4 ^ Avx512F.RotateLeft(c1, 1);
            d1 = c0 ^ Avx512F.RotateLeft(c2, 1);
            d2 = c1 ^ Avx512F.RotateLeft(c3, 1);
            d3 = c2 ^ Avx512F.RotateLeft(c4, 1);
            d4 = c3 ^ Avx512F.RotateLeft(c0, 1);
            b0 = a00 ^ d0;
            b1 = Avx512F.RotateLeft(a06 ^ d1, 44);
            b2 = Avx512F.RotateLeft(a12 ^ d2, 43);
            b3 = Avx512F.RotateLeft(a18 ^ d3, 21);
            b4 = Avx512F.RotateLeft(a24 ^ d4, 14);
            e00 = Avx512F.TernaryLogic(b0, b1, b2, Chi) ^ Vector512.Create(Unsafe.Add(ref rc, round));
            e01 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            e02 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            e03 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            e04 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(a03 ^ d3, 28);
            b1 = Avx512F.RotateLeft(a09 ^ d4, 20);
            b2 = Avx512F.RotateLeft(a10 ^ d0, 3);
            b3 = Avx512F.RotateLeft(a16 ^ d1, 45);
            b4 = Avx512F.RotateLeft(a22 ^ d2, 61);
            e05 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            e06 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            e07 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            e08 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            e09 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(a01 ^ d1, 1);
            b1 = Avx512F.RotateLeft(a07 ^ d2, 6);
            b2 = Avx512F.RotateLeft(a13 ^ d3, 25);
            b3 = Avx512F.RotateLeft(a19 ^ d4, 8);
            b4 = Avx512F.RotateLeft(a20 ^ d0, 18);
            e10 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            e11 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            e12 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            e13 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            e14 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(a04 ^ d4, 27);
            b1 = Avx512F.RotateLeft(a05 ^ d0, 36);
            b2 = Avx512F.RotateLeft(a11 ^ d1, 10);
            b3 = Avx512F.RotateLeft(a17 ^ d2, 15);
            b4 = Avx512F.RotateLeft(a23 ^ d3, 56);
            e15 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            e16 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            e17 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            e18 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            e19 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(a02 ^ d2, 62);
            b1 = Avx512F.RotateLeft(a08 ^ d3, 55);
            b2 = Avx512F.RotateLeft(a14 ^ d4, 39);
            b3 = Avx512F.RotateLeft(a15 ^ d0, 41);
            b4 = Avx512F.RotateLeft(a21 ^ d1, 2);
            e20 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            e21 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            e22 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            e23 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            e24 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            c0 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(e00, e05, e10, Xor3), e15, e20, Xor3);
            c1 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(e01, e06, e11, Xor3), e16, e21, Xor3);
            c2 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(e02, e07, e12, Xor3), e17, e22, Xor3);
            c3 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(e03, e08, e13, Xor3), e18, e23, Xor3);
            c4 = Avx512F.TernaryLogic(Avx512F.TernaryLogic(e04, e09, e14, Xor3), e19, e24, Xor3);
            d0 = c4 ^ Avx512F.RotateLeft(c1, 1);
            d1 = c0 ^ Avx512F.RotateLeft(c2, 1);
            d2 = c1 ^ Avx512F.RotateLeft(c3, 1);
            d3 = c2 ^ Avx512F.RotateLeft(c4, 1);
            d4 = c3 ^ Avx512F.RotateLeft(c0, 1);
            b0 = e00 ^ d0;
            b1 = Avx512F.RotateLeft(e06 ^ d1, 44);
            b2 = Avx512F.RotateLeft(e12 ^ d2, 43);
            b3 = Avx512F.RotateLeft(e18 ^ d3, 21);
            b4 = Avx512F.RotateLeft(e24 ^ d4, 14);
            a00 = Avx512F.TernaryLogic(b0, b1, b2, Chi) ^ Vector512.Create(Unsafe.Add(ref rc, round + 1));
            a01 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            a02 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            a03 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            a04 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(e03 ^ d3, 28);
            b1 = Avx512F.RotateLeft(e09 ^ d4, 20);
            b2 = Avx512F.RotateLeft(e10 ^ d0, 3);
            b3 = Avx512F.RotateLeft(e16 ^ d1, 45);
            b4 = Avx512F.RotateLeft(e22 ^ d2, 61);
            a05 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            a06 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            a07 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            a08 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            a09 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(e01 ^ d1, 1);
            b1 = Avx512F.RotateLeft(e07 ^ d2, 6);
            b2 = Avx512F.RotateLeft(e13 ^ d3, 25);
            b3 = Avx512F.RotateLeft(e19 ^ d4, 8);
            b4 = Avx512F.RotateLeft(e20 ^ d0, 18);
            a10 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            a11 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            a12 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            a13 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            a14 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(e04 ^ d4, 27);
            b1 = Avx512F.RotateLeft(e05 ^ d0, 36);
            b2 = Avx512F.RotateLeft(e11 ^ d1, 10);
            b3 = Avx512F.RotateLeft(e17 ^ d2, 15);
            b4 = Avx512F.RotateLeft(e23 ^ d3, 56);
            a15 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            a16 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            a17 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            a18 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            a19 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
            b0 = Avx512F.RotateLeft(e02 ^ d2, 62);
            b1 = Avx512F.RotateLeft(e08 ^ d3, 55);
            b2 = Avx512F.RotateLeft(e14 ^ d4, 39);
            b3 = Avx512F.RotateLeft(e15 ^ d0, 41);
            b4 = Avx512F.RotateLeft(e21 ^ d1, 2);
            a20 = Avx512F.TernaryLogic(b0, b1, b2, Chi);
            a21 = Avx512F.TernaryLogic(b1, b2, b3, Chi);
            a22 = Avx512F.TernaryLogic(b2, b3, b4, Chi);
            a23 = Avx512F.TernaryLogic(b3, b4, b0, Chi);
            a24 = Avx512F.TernaryLogic(b4, b0, b1, Chi);
        }

        Unsafe.Add(ref s, 0) = a00; Unsafe.Add(ref s, 1) = a01; Unsafe.Add(ref s, 2) = a02; Unsafe.Add(ref s, 3) = a03; Unsafe.Add(ref s, 4) = a04;
        Unsafe.Add(ref s, 5) = a05; Unsafe.Add(ref s, 6) = a06; Unsafe.Add(ref s, 7) = a07; Unsafe.Add(ref s, 8) = a08; Unsafe.Add(ref s, 9) = a09;
        Unsafe.Add(ref s, 10) = a10; Unsafe.Add(ref s, 11) = a11; Unsafe.Add(ref s, 12) = a12; Unsafe.Add(ref s, 13) = a13; Unsafe.Add(ref s, 14) = a14;
        Unsafe.Add(ref s, 15) = a15; Unsafe.Add(ref s, 16) = a16; Unsafe.Add(ref s, 17) = a17; Unsafe.Add(ref s, 18) = a18; Unsafe.Add(ref s, 19) = a19;
        Unsafe.Add(ref s, 20) = a20; Unsafe.Add(ref s, 21) = a21; Unsafe.Add(ref s, 22) = a22; Unsafe.Add(ref s, 23) = a23; Unsafe.Add(ref s, 24) = a24;
    }
}
