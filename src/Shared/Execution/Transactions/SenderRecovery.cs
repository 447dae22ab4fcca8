using EvmCluster.Evm.Core;
using EvmCluster.Evm.Crypto;
using EvmCluster.Evm.Numerics;
using EvmCluster.Evm.Specs;
using EvmCluster.Evm.Transactions;

namespace EvmCluster.Execution.Transactions;

/// <summary>The outcome of recovering one transaction's sender: the executable transaction, or why there is none.</summary>
/// <param name="Transaction">The transaction with its sender, when the signature is valid.</param>
/// <param name="Error">What is wrong, naming the transaction's index, when it is not.</param>
public readonly record struct RecoveredTransaction(Transaction? Transaction, string? Error)
{
    /// <summary>True when the sender was recovered.</summary>
    public bool IsValid => Transaction is not null;
}

/// <summary>
/// Checks signatures and recovers senders for a block's transactions, in parallel. Checks: r and s in
/// [1, n−1]; s ≤ n/2 from Homestead (EIP-2); legacy v ∈ {27, 28}, or 2·chainId + 35/36 once EIP-155 is active;
/// typed transactions need their fork, a y parity of 0 or 1, and the block's chain id.
/// </summary>
public static class SenderRecovery
{
    /// <summary>Below this many transactions per thread, splitting the work costs more than it saves.</summary>
    private const int MinChunk = 16;

    /// <summary>n/2 for the secp256k1 group order n (EIP-2's upper bound on s).</summary>
    private static readonly UInt256 HalfOrder = new(0xDFE92F46681B20A0, 0x5D576E7357A4501D, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF);

    /// <summary>The secp256k1 group order n.</summary>
    private static readonly UInt256 Order = new(0xBFD25E8CD0364141, 0xBAAEDCE6AF48A03B, 0xFFFFFFFFFFFFFFFE, 0xFFFFFFFFFFFFFFFF);

    /// <summary>Recovers every sender using all processors.</summary>
    public static RecoveredTransaction[] Recover(IReadOnlyList<SignedTransaction> txs, ReleaseSpec spec, UInt256 chainId) =>
        Recover(txs, spec, chainId, Environment.ProcessorCount);

    /// <summary>
    /// Recovers every sender on up to <paramref name="threads"/> threads (values below 1 mean all processors).
    /// Work is handed out in contiguous chunks, several per thread so uneven transactions balance out.
    /// </summary>
    public static RecoveredTransaction[] Recover(IReadOnlyList<SignedTransaction> txs, ReleaseSpec spec, UInt256 chainId, int threads)
    {
        ArgumentNullException.ThrowIfNull(txs);
        ArgumentNullException.ThrowIfNull(spec);
        if (threads < 1) threads = Environment.ProcessorCount;
        var results = new RecoveredTransaction[txs.Count];
        int count = txs.Count;
        int workers = Math.Min(threads, Math.Max(1, count / MinChunk));
        if (workers <= 1)
        {
            for (int i = 0; i < count; i++) results[i] = RecoverOne(txs[i], i, spec, chainId);
            return results;
        }

        // About four chunks per worker: small enough to balance, large enough to keep hand-off rare.
        int chunkSize = Math.Max(MinChunk, (count + workers * 4 - 1) / (workers * 4));
        int chunks = (count + chunkSize - 1) / chunkSize;
        int next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        System.Threading.Tasks.Parallel.For(0, workers, options, _ =>
        {
            for (int c = Interlocked.Increment(ref next); c < chunks; c = Interlocked.Increment(ref next))
            {
                int end = Math.Min(count, (c + 1) * chunkSize);
                for (int i = c * chunkSize; i < end; i++) results[i] = RecoverOne(txs[i], i, spec, chainId);
            }
        });
        return results;
    }

    /// <summary>Checks one transaction's signature and recovers its sender; <paramref name="index"/> is used in the error.</summary>
    public static RecoveredTransaction RecoverOne(SignedTransaction tx, int index, ReleaseSpec spec, UInt256 chainId)
    {
        string? problem = Check(tx, spec, chainId, out int recoveryId);
        if (problem is null)
        {
            Span<byte> hash = stackalloc byte[32];
            Span<byte> r = stackalloc byte[32];
            Span<byte> s = stackalloc byte[32];
            tx.SigningHash.WriteTo(hash);
            tx.R.ToBigEndian(r);
            tx.S.ToBigEndian(s);
            if (Secp256k1Recovery.TryRecoverAddress(hash, r, s, recoveryId, out Address sender))
                return new RecoveredTransaction(tx.ToTransaction(sender), null);
            problem = "invalid signature: no public key recovers from it";
        }
        return new RecoveredTransaction(null, $"transaction {index}: {problem}");
    }

    /// <summary>The signature and envelope checks; null when they pass, with the recovery id (0 or 1).</summary>
    private static string? Check(SignedTransaction tx, ReleaseSpec spec, UInt256 chainId, out int recoveryId)
    {
        recoveryId = 0;
        string? forkProblem = tx.Type switch
        {
            TxType.Legacy => null,
            TxType.AccessList => spec.IsEip2930Enabled ? null : "EIP-2930",
            TxType.Eip1559 => spec.IsEip1559Enabled ? null : "EIP-1559",
            TxType.Blob => spec.IsEip4844Enabled ? null : "EIP-4844",
            _ => "a known transaction type",
        };
        if (forkProblem is not null) return $"type {(int)tx.Type} transaction needs {forkProblem}, not active in {spec.Name}";

        if (tx.R.IsZero) return "invalid signature: r is zero";
        if (tx.R >= Order) return "invalid signature: r is not below the curve order";
        if (tx.S.IsZero) return "invalid signature: s is zero";
        if (tx.S >= Order) return "invalid signature: s is not below the curve order";
        if (spec.IsEip2Enabled && tx.S > HalfOrder) return "invalid signature: s is above n/2 (EIP-2 requires low s)";

        UInt256 v = tx.V;
        if (tx.Type != TxType.Legacy)
        {
            if (v > UInt256.One) return $"invalid signature: y parity {v} is not 0 or 1";
            if (tx.ChainId is not { } txChainId || txChainId != chainId)
                return $"wrong chain id: signed for chain {tx.ChainId}, the block is on chain {chainId}";
            recoveryId = (int)v.U0;
            return null;
        }

        if (v == 27 || v == 28)
        {
            recoveryId = (int)v.U0 - 27;
            return null;
        }
        if (v >= 35)
        {
            if (!spec.IsEip155Enabled) return $"invalid signature: v = {v} needs EIP-155, not active in {spec.Name}";
            UInt256 signedChainId = (v - 35) >> 1;
            if (signedChainId != chainId) return $"wrong chain id: signed for chain {signedChainId} (v = {v}), the block is on chain {chainId}";
            recoveryId = (int)((v - 35).U0 & 1);
            return null;
        }
        return $"invalid signature: v = {v} is not 27, 28 or an EIP-155 value";
    }
}
