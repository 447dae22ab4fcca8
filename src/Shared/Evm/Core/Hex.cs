namespace EvmCluster.Evm.Core;

/// <summary>0x-prefixed hex encoding as the Ethereum JSON formats use it.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex with or without 0x; an odd digit count gets a leading zero.</summary>
    public static byte[] Decode(string hex)
    {
        ReadOnlySpan<char> s = hex.AsSpan().Trim();
        if (s.StartsWith("0x") || s.StartsWith("0X")) s = s[2..];
        if (s.Length == 0) return [];
        if ((s.Length & 1) == 1)
        {
            Span<char> padded = s.Length < 1024 ? stackalloc char[s.Length + 1] : new char[s.Length + 1];
            padded[0] = '0';
            s.CopyTo(padded[1..]);
            return Convert.FromHexString(padded);
        }
        return Convert.FromHexString(s);
    }
}
