using System.Collections.Concurrent;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;

namespace EvmCluster.Evm.Tests.Precompiles;

public class Secp256k1RecoveryTests
{
    // go-ethereum's well-known test key and its address.
    private static readonly byte[] Key = Hex.Decode("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
    private static readonly Address KeyAddress = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");

    private static byte[] HashOf(int i)
    {
        var hash = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(hash.AsSpan(28), i);
        hash[0] = 0x5a;
        return hash;
    }

    [Fact]
    public void Recovers_the_signer_of_fresh_signatures()
    {
        for (int i = 0; i < 50; i++)
        {
            byte[] hash = HashOf(i);
            (byte[] signature, byte recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(hash, Key);
            Assert.True(Secp256k1Recovery.TryRecoverAddress(hash, signature.AsSpan(0, 32), signature.AsSpan(32, 32), recoveryId, out Address sender));
            Assert.Equal(KeyAddress, sender);

            // The other parity gives a different key (or none).
            if (Secp256k1Recovery.TryRecoverAddress(hash, signature.AsSpan(0, 32), signature.AsSpan(32, 32), recoveryId ^ 1, out Address other))
                Assert.NotEqual(KeyAddress, other);
        }
    }

    [Fact]
    public void Known_vector_recovers_its_address()
    {
        byte[] hash = Hex.Decode("456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3");
        byte[] r = Hex.Decode("9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608");
        byte[] s = Hex.Decode("4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
        Assert.True(Secp256k1Recovery.TryRecoverAddress(hash, r, s, 1, out Address sender));
        Assert.Equal(Address.Parse("0x7156526fbd7a3c72969b54f64e42c10fbb768c8a"), sender);
    }

    [Fact]
    public void Short_r_and_s_are_read_as_left_padded_integers()
    {
        for (int i = 0; ; i++)
        {
            byte[] hash = HashOf(1000 + i);
            (byte[] signature, byte recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(hash, Key);
            if (signature[0] != 0 && signature[32] != 0) continue;
            ReadOnlySpan<byte> r = signature.AsSpan(0, 32), s = signature.AsSpan(32, 32);
            r = r[r.IndexOfAnyExcept((byte)0)..];
            s = s[s.IndexOfAnyExcept((byte)0)..];
            Assert.True(r.Length < 32 || s.Length < 32);
            Assert.True(Secp256k1Recovery.TryRecoverAddress(hash, r, s, recoveryId, out Address sender));
            Assert.Equal(KeyAddress, sender);
            break;
        }
    }

    [Fact]
    public void Rejects_bad_arguments_without_throwing()
    {
        byte[] hash = HashOf(1);
        (byte[] signature, byte recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(hash, Key);
        byte[] r = signature[..32], s = signature[32..];
        byte[] n = Hex.Decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, r, s, -1, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, r, s, 4, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, new byte[32], s, recoveryId, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, r, new byte[32], recoveryId, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, [], s, recoveryId, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, n, s, recoveryId, out _));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, r, n, recoveryId, out Address none));
        Assert.Equal(Address.Zero, none);
        Assert.False(Secp256k1Recovery.TryRecoverAddress(hash, new byte[33], s, recoveryId, out _));
        Assert.Throws<ArgumentException>(() => Secp256k1Recovery.TryRecoverAddress(new byte[31], r, s, recoveryId, out _));
    }

    [Fact]
    public void Recovery_is_correct_from_many_threads_at_once()
    {
        const int count = 400;
        var signatures = new (byte[] Hash, byte[] Signature, byte RecoveryId)[count];
        for (int i = 0; i < count; i++)
        {
            byte[] hash = HashOf(5000 + i);
            (byte[] signature, byte recoveryId) = Secp256k1Net.Secp256k1.SignRecoverable(hash, Key);
            signatures[i] = (hash, signature, recoveryId);
        }

        var failures = new ConcurrentBag<int>();
        Parallel.For(0, count * 5, new ParallelOptions { MaxDegreeOfParallelism = 8 }, j =>
        {
            var (hash, signature, recoveryId) = signatures[j % count];
            if (!Secp256k1Recovery.TryRecoverAddress(hash, signature.AsSpan(0, 32), signature.AsSpan(32), recoveryId, out Address sender)
                || sender != KeyAddress)
                failures.Add(j);
        });
        Assert.Empty(failures);
    }
}
