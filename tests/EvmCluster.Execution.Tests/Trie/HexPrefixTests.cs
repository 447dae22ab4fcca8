using EvmCluster.Execution.Trie;

namespace EvmCluster.Execution.Tests.Trie;

public class HexPrefixTests
{
    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 }, false, "112345")]
    [InlineData(new byte[] { 0, 1, 2, 3, 4, 5 }, false, "00012345")]
    [InlineData(new byte[] { 0, 15, 1, 12, 11, 8 }, true, "200F1CB8")]
    [InlineData(new byte[] { 15, 1, 12, 11, 8 }, true, "3F1CB8")]
    [InlineData(new byte[] { }, true, "20")]
    [InlineData(new byte[] { }, false, "00")]
    public void YellowPaperExamples(byte[] nibbles, bool isLeaf, string expected)
    {
        Assert.Equal(expected, Convert.ToHexString(HexPrefix.Encode(nibbles, isLeaf)));
        Assert.Equal(nibbles, HexPrefix.Decode(Convert.FromHexString(expected), out bool leaf));
        Assert.Equal(isLeaf, leaf);
    }

    [Fact]
    public void KeyRangesMatchNibbleArrays()
    {
        byte[] key = [0x12, 0x34, 0x56, 0x78, 0x9a];
        byte[] all = Enumerable.Range(0, 10).Select(i => (byte)HexPrefix.Nibble(key, i)).ToArray();
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, all);
        var buffer = new byte[8];
        for (int start = 0; start <= 10; start++)
        {
            for (int end = start; end <= 10; end++)
            {
                foreach (bool isLeaf in new[] { true, false })
                {
                    int n = HexPrefix.EncodeKeyRange(key, start, end, isLeaf, buffer);
                    Assert.Equal(HexPrefix.Encode(all[start..end], isLeaf), buffer[..n]);
                    Assert.Equal(HexPrefix.EncodedLength(end - start), n);
                }
            }
        }
    }

    [Fact]
    public void RejectsMalformedPaths()
    {
        Assert.Throws<FormatException>(() => HexPrefix.Decode([0x40], out _));
        Assert.Throws<FormatException>(() => HexPrefix.Decode([0x0a, 0x12], out _));
        Assert.Throws<FormatException>(() => HexPrefix.Decode([], out _));
    }
}
