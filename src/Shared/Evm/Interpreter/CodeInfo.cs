using System.Collections.Concurrent;
using EvmCluster.Evm.Core;

namespace EvmCluster.Evm.Interpreter;

/// <summary>Code ready to run: the bytes plus a bitmap of valid JUMPDEST positions (not inside PUSH data).</summary>
public sealed class CodeInfo
{
    private const int MaxCachedEntries = 20_000;
    private static readonly ConcurrentDictionary<Hash256, CodeInfo> Cache = new();

    public static readonly CodeInfo Empty = new([]);

    public byte[] Code { get; }
    private readonly ulong[] _jumpDestinations;

    public CodeInfo(byte[] code)
    {
        Code = code;
        _jumpDestinations = Analyze(code);
    }

    /// <summary>Analysis cached per code hash: deployed code is immutable and shared by every call.</summary>
    public static CodeInfo For(in Hash256 codeHash, byte[] code)
    {
        if (code.Length == 0) return Empty;
        if (Cache.TryGetValue(codeHash, out CodeInfo? info)) return info;
        info = new CodeInfo(code);
        if (Cache.Count >= MaxCachedEntries) Cache.Clear();
        Cache.TryAdd(codeHash, info);
        return info;
    }

    private BlockAnalysis? _blocks;

    /// <summary>The basic blocks of this code under <paramref name="table"/>'s fork, computed once and kept for the last fork asked.</summary>
    public BlockAnalysis BlocksFor(InstructionTable table)
    {
        BlockAnalysis? blocks = Volatile.Read(ref _blocks);
        if (blocks is not null && blocks.Table == table) return blocks;
        blocks = new BlockAnalysis(Code, table);
        Volatile.Write(ref _blocks, blocks);
        return blocks;
    }

    public bool IsValidJumpDestination(ulong destination) =>
        destination < (ulong)Code.Length && (_jumpDestinations[destination >> 6] & (1UL << (int)(destination & 63))) != 0;

    private static ulong[] Analyze(byte[] code)
    {
        var bits = new ulong[(code.Length >> 6) + 1];
        int i = 0;
        while (i < code.Length)
        {
            byte op = code[i];
            if (op == 0x5B) bits[i >> 6] |= 1UL << (i & 63);
            else if (op >= 0x60 && op <= 0x7F) i += op - 0x5F;
            i++;
        }
        return bits;
    }
}
