using EvmCluster.Evm.Core;
using Secp256k1Net;

namespace EvmCluster.Evm.Crypto;

/// <summary>
/// Recovers the Ethereum address that signed a 32-byte message hash, using the native
/// libsecp256k1 shipped with Secp256k1.Net. Shared by the ecrecover precompile and sender recovery.
/// </summary>
/// <remarks>
/// No low-s rule is applied here: the precompile accepts any s in [1, n-1], and the transaction
/// pipeline applies EIP-2 itself. Safe to call from any number of threads at once.
/// </remarks>
public static class Secp256k1Recovery
{
    // One native context per thread: the wrapper's own static helpers work the same way, and it keeps
    // any per-context state (error callbacks) from being shared across threads.
    [ThreadStatic] private static Secp256k1? t_context;

    /// <summary>The secp256k1 group order n, big-endian.</summary>
    private static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>
    /// Recovers the signer of <paramref name="messageHash32"/> from (r, s, recoveryId).
    /// </summary>
    /// <param name="messageHash32">The signed 32-byte hash.</param>
    /// <param name="r32">r as a big-endian integer of at most 32 bytes (shorter spans are left-padded, as RLP gives them).</param>
    /// <param name="s32">s as a big-endian integer of at most 32 bytes (shorter spans are left-padded).</param>
    /// <param name="recoveryId">0 or 1 for Ethereum signatures (2 and 3 are accepted for completeness).</param>
    /// <param name="sender">The recovered address, or <see cref="Address.Zero"/> on failure.</param>
    /// <returns>False when r or s is outside [1, n-1], the recovery id is out of range, or no key recovers.</returns>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> messageHash32, ReadOnlySpan<byte> r32, ReadOnlySpan<byte> s32, int recoveryId, out Address sender)
    {
        sender = Address.Zero;
        if (messageHash32.Length != 32)
            throw new ArgumentException($"a message hash is 32 bytes, got {messageHash32.Length}", nameof(messageHash32));
        if ((uint)recoveryId > 3 || r32.Length > 32 || s32.Length > 32) return false;

        Span<byte> compact = stackalloc byte[64];
        compact.Clear();
        r32.CopyTo(compact[(32 - r32.Length)..32]);
        s32.CopyTo(compact[(64 - s32.Length)..]);
        // The library rejects values >= n and fails on zero too; checking first keeps that contract explicit.
        if (!IsValidScalar(compact[..32]) || !IsValidScalar(compact[32..])) return false;

        Secp256k1 ctx = t_context ??= new Secp256k1();
        Span<byte> signature = stackalloc byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE];
        if (!ctx.EcdsaRecoverableSignatureParseCompact(signature, compact, recoveryId)) return false;

        Span<byte> publicKey = stackalloc byte[Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
        if (!ctx.EcdsaRecover(publicKey, signature, messageHash32)) return false;

        Span<byte> serialized = stackalloc byte[Secp256k1.SERIALIZED_UNCOMPRESSED_PUBKEY_LENGTH];
        nuint length = (nuint)serialized.Length;
        if (!ctx.EcPubkeySerialize(serialized, ref length, publicKey, Secp256k1EcFlags.Uncompressed) || length != (nuint)serialized.Length)
            return false;

        // The address is the low 20 bytes of keccak(x || y), skipping the 0x04 format prefix.
        Hash256 hash = Keccak256.Compute(serialized[1..]);
        Span<byte> hashBytes = stackalloc byte[Hash256.Size];
        hash.WriteTo(hashBytes);
        sender = new Address(hashBytes[(Hash256.Size - Address.Size)..]);
        return true;
    }

    /// <summary>True when the 32-byte big-endian value is in [1, n-1].</summary>
    internal static bool IsValidScalar(ReadOnlySpan<byte> value32) =>
        value32.ContainsAnyExcept((byte)0) && value32.SequenceCompareTo(Order) < 0;
}
