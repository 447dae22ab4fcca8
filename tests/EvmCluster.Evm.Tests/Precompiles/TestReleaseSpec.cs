using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Precompiles;

/// <summary>An <see cref="IReleaseSpec"/> whose every flag can be set, for precompile tests.</summary>
public sealed class TestReleaseSpec : IReleaseSpec
{
    /// <summary>Byzantium-era MODEXP pricing (EIP-198 only).</summary>
    public static TestReleaseSpec Byzantium => new() { Name = "Byzantium", IsEip198Enabled = true };

    /// <summary>Berlin-era MODEXP pricing (EIP-2565 on) plus Istanbul's BLAKE2F.</summary>
    public static TestReleaseSpec Berlin => new() { Name = "Berlin", IsEip198Enabled = true, IsEip152Enabled = true, IsEip2565Enabled = true };

    public string Name { get; set; } = "Test";
    public bool IsEip2Enabled { get; set; }
    public bool IsEip7Enabled { get; set; }
    public bool IsEip150Enabled { get; set; }
    public bool IsEip155Enabled { get; set; }
    public bool IsEip158Enabled { get; set; }
    public bool IsEip160Enabled { get; set; }
    public bool IsEip170Enabled { get; set; }
    public bool IsEip140Enabled { get; set; }
    public bool IsEip196Enabled { get; set; }
    public bool IsEip197Enabled { get; set; }
    public bool IsEip198Enabled { get; set; }
    public bool IsEip211Enabled { get; set; }
    public bool IsEip214Enabled { get; set; }
    public bool IsEip658Enabled { get; set; }
    public bool IsEip145Enabled { get; set; }
    public bool IsEip1014Enabled { get; set; }
    public bool IsEip1052Enabled { get; set; }
    public bool IsEip1283Enabled { get; set; }
    public bool IsEip152Enabled { get; set; }
    public bool IsEip1108Enabled { get; set; }
    public bool IsEip1344Enabled { get; set; }
    public bool IsEip1884Enabled { get; set; }
    public bool IsEip2028Enabled { get; set; }
    public bool IsEip2200Enabled { get; set; }
    public bool IsEip2565Enabled { get; set; }
    public bool IsEip2929Enabled { get; set; }
    public bool IsEip2930Enabled { get; set; }
    public bool IsEip1559Enabled { get; set; }
    public bool IsEip3198Enabled { get; set; }
    public bool IsEip3529Enabled { get; set; }
    public bool IsEip3541Enabled { get; set; }
    public bool IsEip4399Enabled { get; set; }
    public bool IsEip3651Enabled { get; set; }
    public bool IsEip3855Enabled { get; set; }
    public bool IsEip3860Enabled { get; set; }
    public bool IsEip4895Enabled { get; set; }
    public bool IsEip1153Enabled { get; set; }
    public bool IsEip4788Enabled { get; set; }
    public bool IsEip4844Enabled { get; set; }
    public bool IsEip5656Enabled { get; set; }
    public bool IsEip6780Enabled { get; set; }
    public bool IsEip7516Enabled { get; set; }
}
