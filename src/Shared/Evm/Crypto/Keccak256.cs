using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvmCluster.Evm.Core;

namespace EvmCluster.Evm.Crypto;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak submission padding (0x01 ... 0x80),
/// not the FIPS 202 SHA3-256 padding (0x06 ... 0x80). Allocation-free and thread-safe.
/// </summary>
public static class Keccak256
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Sponge rate in bytes (1600 - 2 * 256 bits).</summary>
    public const int Rate = 136;

    private const int RateLanes = Rate / 8;

    /// <summary>keccak256 of the empty byte string (the code hash of an account without code).</summary>
    public static readonly Hash256 OfEmpty = Compute(ReadOnlySpan<byte>.Empty);

    /// <summary>keccak256(rlp([])) = keccak256(0xc0), the ommers hash of a block without ommers.</summary>
    public static readonly Hash256 OfEmptyList = Compute([0xc0]);

    /// <summary>Hashes <paramref name="input"/>.</summary>
    [SkipLocalsInit]
    public static Hash256 Compute(ReadOnlySpan<byte> input)
    {
        Span<byte> digest = stackalloc byte[HashSize];
        Compute(input, digest);
        return new Hash256(digest);
    }

    /// <summary>Hashes <paramref name="input"/> into the first 32 bytes of <paramref name="output32"/>.</summary>
    [SkipLocalsInit]
    public static void Compute(ReadOnlySpan<byte> input, Span<byte> output32)
    {
        if (output32.Length < HashSize) throw new ArgumentException($"the output needs {HashSize} bytes", nameof(output32));

        Span<ulong> state = stackalloc ulong[KeccakF1600.Lanes];
        state.Clear();

        while (input.Length >= Rate)
        {
            XorFullBlock(state, input);
            KeccakF1600.Permute(state);
            input = input[Rate..];
        }

        AbsorbFinal(state, 0, 1, input);
        KeccakF1600.Permute(state);

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(state[..4]).CopyTo(output32);
        }
        else
        {
            for (int i = 0; i < 4; i++) BinaryPrimitives.WriteUInt64LittleEndian(output32.Slice(i << 3, 8), state[i]);
        }
    }

    /// <summary>
    /// Hashes many independent messages: message i is <paramref name="data"/>[Offset..Offset+Length] and its
    /// digest goes to <paramref name="output"/>[32*i..32*i+32]. With AVX-512 eight messages share each
    /// permutation (several times the throughput of one-at-a-time hashing); otherwise it hashes one by one.
    /// </summary>
    [SkipLocalsInit]
    public static void ComputeMany(ReadOnlySpan<byte> data, ReadOnlySpan<(int Offset, int Length)> messages, Span<byte> output)
    {
        if (output.Length < messages.Length * HashSize) throw new ArgumentException($"the output needs {HashSize} bytes per message", nameof(output));
        if (!KeccakF1600x8.IsSupported || messages.Length < 2)
        {
            for (int i = 0; i < messages.Length; i++)
                Compute(data.Slice(messages[i].Offset, messages[i].Length), output.Slice(i * HashSize, HashSize));
            return;
        }

        // Group messages needing the same number of permutations, so no lane idles while others absorb.
        const int StackLimit = 512;
        Span<long> order = messages.Length <= StackLimit ? stackalloc long[messages.Length] : new long[messages.Length];
        for (int i = 0; i < messages.Length; i++)
        {
            var (offset, length) = messages[i];
            _ = data.Slice(offset, length); // bounds check before any unchecked lane access
            order[i] = ((long)(length / Rate) << 32) | (uint)i;
        }
        order.Sort();

        Span<int> batch = stackalloc int[KeccakF1600x8.Width];
        for (int start = 0; start < order.Length; start += KeccakF1600x8.Width)
        {
            int count = Math.Min(KeccakF1600x8.Width, order.Length - start);
            for (int j = 0; j < count; j++) batch[j] = (int)order[start + j];
            HashBatch(data, messages, batch[..count], output);
        }
    }

    /// <summary>Hashes up to eight messages in lock-step; a lane whose message has ended keeps permuting unused.</summary>
    [SkipLocalsInit]
    private static void HashBatch(ReadOnlySpan<byte> data, ReadOnlySpan<(int Offset, int Length)> messages, ReadOnlySpan<int> batch, Span<byte> output)
    {
        Span<Vector512<ulong>> state = stackalloc Vector512<ulong>[KeccakF1600.Lanes];
        state.Clear();
        // Lane i of message j sits at element i * 8 + j.
        Span<ulong> lanes = MemoryMarshal.Cast<Vector512<ulong>, ulong>(state);

        int blocks = 0;
        foreach (int m in batch) blocks = Math.Max(blocks, messages[m].Length / Rate + 1);

        for (int block = 0; block < blocks; block++)
        {
            for (int j = 0; j < batch.Length; j++)
            {
                var (offset, length) = messages[batch[j]];
                int lastBlock = length / Rate;
                if (block > lastBlock) continue;
                ReadOnlySpan<byte> input = data.Slice(offset + block * Rate, block < lastBlock ? Rate : length - block * Rate);
                if (block < lastBlock)
                {
                    for (int i = 0; i < RateLanes; i++)
                        lanes[i * KeccakF1600x8.Width + j] ^= BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(i << 3, 8));
                }
                else
                {
                    AbsorbFinal(lanes, j, KeccakF1600x8.Width, input);
                }
            }

            KeccakF1600x8.Permute(state);

            for (int j = 0; j < batch.Length; j++)
            {
                int m = batch[j];
                if (messages[m].Length / Rate != block) continue;
                Span<byte> digest = output.Slice(m * HashSize, HashSize);
                for (int i = 0; i < 4; i++)
                    BinaryPrimitives.WriteUInt64LittleEndian(digest.Slice(i << 3, 8), lanes[i * KeccakF1600x8.Width + j]);
            }
        }
    }

    /// <summary>XORs the last (partial, possibly empty) block and the 0x01 ... 0x80 padding into one state's lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AbsorbFinal(Span<ulong> lanes, int first, int stride, ReadOnlySpan<byte> input)
    {
        int fullLanes = input.Length >> 3;
        for (int i = 0; i < fullLanes; i++)
            lanes[first + i * stride] ^= BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(i << 3, 8));

        int tail = input.Length & 7;
        ulong last = 0;
        ReadOnlySpan<byte> tailBytes = input.Slice(fullLanes << 3, tail);
        for (int j = 0; j < tail; j++) last |= (ulong)tailBytes[j] << (j << 3);
        last |= 0x01UL << (tail << 3);
        lanes[first + fullLanes * stride] ^= last;
        lanes[first + (RateLanes - 1) * stride] ^= 0x8000000000000000UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void XorFullBlock(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        if (BitConverter.IsLittleEndian)
        {
            ReadOnlySpan<ulong> lanes = MemoryMarshal.Cast<byte, ulong>(block[..Rate]);
            for (int i = 0; i < RateLanes; i++) state[i] ^= lanes[i];
        }
        else
        {
            for (int i = 0; i < RateLanes; i++) state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i << 3, 8));
        }
    }
}
