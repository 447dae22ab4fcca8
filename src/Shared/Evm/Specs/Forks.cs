namespace EvmCluster.Evm.Specs;

/// <summary>Every mainnet fork from Frontier to Cancun, each the previous one with its EIPs switched on.</summary>
public static class Forks
{
    public static readonly ReleaseSpec Frontier = new() { Name = "Frontier" };

    public static readonly ReleaseSpec Homestead = Frontier with
    {
        Name = "Homestead", IsEip2Enabled = true, IsEip7Enabled = true,
    };

    public static readonly ReleaseSpec TangerineWhistle = Homestead with { Name = "TangerineWhistle", IsEip150Enabled = true };

    public static readonly ReleaseSpec SpuriousDragon = TangerineWhistle with
    {
        Name = "SpuriousDragon", IsEip155Enabled = true, IsEip158Enabled = true, IsEip160Enabled = true, IsEip170Enabled = true,
    };

    public static readonly ReleaseSpec Byzantium = SpuriousDragon with
    {
        Name = "Byzantium", IsEip140Enabled = true, IsEip196Enabled = true, IsEip197Enabled = true, IsEip198Enabled = true,
        IsEip211Enabled = true, IsEip214Enabled = true, IsEip658Enabled = true,
    };

    public static readonly ReleaseSpec Constantinople = Byzantium with
    {
        Name = "Constantinople", IsEip145Enabled = true, IsEip1014Enabled = true, IsEip1052Enabled = true, IsEip1283Enabled = true,
    };

    /// <summary>Constantinople without EIP-1283 (also called ConstantinopleFix).</summary>
    public static readonly ReleaseSpec Petersburg = Constantinople with { Name = "Petersburg", IsEip1283Enabled = false };

    public static readonly ReleaseSpec Istanbul = Petersburg with
    {
        Name = "Istanbul", IsEip152Enabled = true, IsEip1108Enabled = true, IsEip1344Enabled = true, IsEip1884Enabled = true,
        IsEip2028Enabled = true, IsEip2200Enabled = true,
    };

    /// <summary>Istanbul plus the difficulty-bomb delay only; no execution change.</summary>
    public static readonly ReleaseSpec MuirGlacier = Istanbul with { Name = "MuirGlacier" };

    public static readonly ReleaseSpec Berlin = MuirGlacier with
    {
        Name = "Berlin", IsEip2565Enabled = true, IsEip2929Enabled = true, IsEip2930Enabled = true,
    };

    public static readonly ReleaseSpec London = Berlin with
    {
        Name = "London", IsEip1559Enabled = true, IsEip3198Enabled = true, IsEip3529Enabled = true, IsEip3541Enabled = true,
    };

    public static readonly ReleaseSpec ArrowGlacier = London with { Name = "ArrowGlacier" };
    public static readonly ReleaseSpec GrayGlacier = ArrowGlacier with { Name = "GrayGlacier" };

    public static readonly ReleaseSpec Paris = GrayGlacier with { Name = "Paris", IsEip4399Enabled = true };

    public static readonly ReleaseSpec Shanghai = Paris with
    {
        Name = "Shanghai", IsEip3651Enabled = true, IsEip3855Enabled = true, IsEip3860Enabled = true, IsEip4895Enabled = true,
    };

    public static readonly ReleaseSpec Cancun = Shanghai with
    {
        Name = "Cancun", IsEip1153Enabled = true, IsEip4788Enabled = true, IsEip4844Enabled = true, IsEip5656Enabled = true,
        IsEip6780Enabled = true, IsEip7516Enabled = true,
    };

    private static readonly Dictionary<string, ReleaseSpec> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Frontier"] = Frontier, ["Homestead"] = Homestead,
        ["TangerineWhistle"] = TangerineWhistle, ["EIP150"] = TangerineWhistle,
        ["SpuriousDragon"] = SpuriousDragon, ["EIP158"] = SpuriousDragon,
        ["Byzantium"] = Byzantium, ["Constantinople"] = Constantinople,
        ["ConstantinopleFix"] = Petersburg, ["Petersburg"] = Petersburg,
        ["Istanbul"] = Istanbul, ["MuirGlacier"] = MuirGlacier, ["Berlin"] = Berlin, ["London"] = London,
        ["ArrowGlacier"] = ArrowGlacier, ["GrayGlacier"] = GrayGlacier,
        ["Paris"] = Paris, ["Merge"] = Paris, ["Shanghai"] = Shanghai, ["Cancun"] = Cancun,
    };

    /// <summary>All fork names accepted by <see cref="TryGet"/>, in the spelling the Ethereum test fixtures use.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryGet(string name, out ReleaseSpec spec) => ByName.TryGetValue(name, out spec!);
}
