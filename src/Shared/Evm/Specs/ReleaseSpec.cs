namespace EvmCluster.Evm.Specs;

/// <summary>
/// One fork's rules. A sealed record so each fork is the previous one "with" its EIPs switched on
/// (see <see cref="Forks"/>), and so the interpreter reads flags without virtual calls.
/// Derived gas prices live in the partial file ReleaseSpec.Gas.cs.
/// </summary>
public sealed partial record ReleaseSpec : IReleaseSpec
{
    public required string Name { get; init; }

    public bool IsEip2Enabled { get; init; }
    public bool IsEip7Enabled { get; init; }
    public bool IsEip150Enabled { get; init; }
    public bool IsEip155Enabled { get; init; }
    public bool IsEip158Enabled { get; init; }
    public bool IsEip160Enabled { get; init; }
    public bool IsEip170Enabled { get; init; }
    public bool IsEip140Enabled { get; init; }
    public bool IsEip196Enabled { get; init; }
    public bool IsEip197Enabled { get; init; }
    public bool IsEip198Enabled { get; init; }
    public bool IsEip211Enabled { get; init; }
    public bool IsEip214Enabled { get; init; }
    public bool IsEip658Enabled { get; init; }
    public bool IsEip145Enabled { get; init; }
    public bool IsEip1014Enabled { get; init; }
    public bool IsEip1052Enabled { get; init; }
    public bool IsEip1283Enabled { get; init; }
    public bool IsEip152Enabled { get; init; }
    public bool IsEip1108Enabled { get; init; }
    public bool IsEip1344Enabled { get; init; }
    public bool IsEip1884Enabled { get; init; }
    public bool IsEip2028Enabled { get; init; }
    public bool IsEip2200Enabled { get; init; }
    public bool IsEip2565Enabled { get; init; }
    public bool IsEip2929Enabled { get; init; }
    public bool IsEip2930Enabled { get; init; }
    public bool IsEip1559Enabled { get; init; }
    public bool IsEip3198Enabled { get; init; }
    public bool IsEip3529Enabled { get; init; }
    public bool IsEip3541Enabled { get; init; }
    public bool IsEip4399Enabled { get; init; }
    public bool IsEip3651Enabled { get; init; }
    public bool IsEip3855Enabled { get; init; }
    public bool IsEip3860Enabled { get; init; }
    public bool IsEip4895Enabled { get; init; }
    public bool IsEip1153Enabled { get; init; }
    public bool IsEip4788Enabled { get; init; }
    public bool IsEip4844Enabled { get; init; }
    public bool IsEip5656Enabled { get; init; }
    public bool IsEip6780Enabled { get; init; }
    public bool IsEip7516Enabled { get; init; }

    public override string ToString() => Name;
}
