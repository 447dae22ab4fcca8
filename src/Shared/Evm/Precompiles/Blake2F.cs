using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvmCluster.Evm.Precompiles;

/// <summary>The BLAKE2b compression function F (RFC 7693 section 3.2) with a caller-chosen round count, as EIP-152 exposes it.</summary>
public static class Blake2F
{
    private static ReadOnlySpan<ulong> IV =>
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    // Message word order for each round; round i uses row i mod 10.
    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    /// <summary>
    /// Compresses one 128-byte block into the state <paramref name="h"/> in place.
    /// </summary>
    /// <param name="rounds">Number of rounds (12 for standard BLAKE2b; any uint is allowed).</param>
    /// <param name="h">The 8-word state, updated in place.</param>
    /// <param name="m">The 16-word message block.</param>
    /// <param name="t0">Low word of the offset counter.</param>
    /// <param name="t1">High word of the offset counter.</param>
    /// <param name="final">True for the last block.</param>
    public static void Compress(uint rounds, Span<ulong> h, ReadOnlySpan<ulong> m, ulong t0, ulong t1, bool final)
    {
        if (h.Length != 8) throw new ArgumentException("the state is 8 words", nameof(h));
        if (m.Length != 16) throw new ArgumentException("a block is 16 words", nameof(m));

        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        ulong v12 = IV[4] ^ t0, v13 = IV[5] ^ t1, v14 = final ? ~IV[6] : IV[6], v15 = IV[7];

        // Indices come from Sigma (all below 16) into a 16-word block, so unchecked reads are in bounds.
        ref ulong mRef = ref MemoryMarshal.GetReference(m);
        ref byte sigmaRef = ref MemoryMarshal.GetReference(Sigma);
        uint row = 0;
        for (uint r = 0; r < rounds; r++)
        {
            ref byte s = ref Unsafe.Add(ref sigmaRef, row * 16);
            v0 += v4 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 0));
            v12 = BitOperations.RotateRight(v12 ^ v0, 32);
            v8 += v12;
            v4 = BitOperations.RotateRight(v4 ^ v8, 24);
            v0 += v4 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 1));
            v12 = BitOperations.RotateRight(v12 ^ v0, 16);
            v8 += v12;
            v4 = BitOperations.RotateRight(v4 ^ v8, 63);
            v1 += v5 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 2));
            v13 = BitOperations.RotateRight(v13 ^ v1, 32);
            v9 += v13;
            v5 = BitOperations.RotateRight(v5 ^ v9, 24);
            v1 += v5 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 3));
            v13 = BitOperations.RotateRight(v13 ^ v1, 16);
            v9 += v13;
            v5 = BitOperations.RotateRight(v5 ^ v9, 63);
            v2 += v6 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 4));
            v14 = BitOperations.RotateRight(v14 ^ v2, 32);
            v10 += v14;
            v6 = BitOperations.RotateRight(v6 ^ v10, 24);
            v2 += v6 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 5));
            v14 = BitOperations.RotateRight(v14 ^ v2, 16);
            v10 += v14;
            v6 = BitOperations.RotateRight(v6 ^ v10, 63);
            v3 += v7 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 6));
            v15 = BitOperations.RotateRight(v15 ^ v3, 32);
            v11 += v15;
            v7 = BitOperations.RotateRight(v7 ^ v11, 24);
            v3 += v7 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 7));
            v15 = BitOperations.RotateRight(v15 ^ v3, 16);
            v11 += v15;
            v7 = BitOperations.RotateRight(v7 ^ v11, 63);
            v0 += v5 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 8));
            v15 = BitOperations.RotateRight(v15 ^ v0, 32);
            v10 += v15;
            v5 = BitOperations.RotateRight(v5 ^ v10, 24);
            v0 += v5 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 9));
            v15 = BitOperations.RotateRight(v15 ^ v0, 16);
            v10 += v15;
            v5 = BitOperations.RotateRight(v5 ^ v10, 63);
            v1 += v6 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 10));
            v12 = BitOperations.RotateRight(v12 ^ v1, 32);
            v11 += v12;
            v6 = BitOperations.RotateRight(v6 ^ v11, 24);
            v1 += v6 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 11));
            v12 = BitOperations.RotateRight(v12 ^ v1, 16);
            v11 += v12;
            v6 = BitOperations.RotateRight(v6 ^ v11, 63);
            v2 += v7 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 12));
            v13 = BitOperations.RotateRight(v13 ^ v2, 32);
            v8 += v13;
            v7 = BitOperations.RotateRight(v7 ^ v8, 24);
            v2 += v7 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 13));
            v13 = BitOperations.RotateRight(v13 ^ v2, 16);
            v8 += v13;
            v7 = BitOperations.RotateRight(v7 ^ v8, 63);
            v3 += v4 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 14));
            v14 = BitOperations.RotateRight(v14 ^ v3, 32);
            v9 += v14;
            v4 = BitOperations.RotateRight(v4 ^ v9, 24);
            v3 += v4 + Unsafe.Add(ref mRef, Unsafe.Add(ref s, 15));
            v14 = BitOperations.RotateRight(v14 ^ v3, 16);
            v9 += v14;
            v4 = BitOperations.RotateRight(v4 ^ v9, 63);
            if (++row == 10) row = 0;
        }

        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }
}
