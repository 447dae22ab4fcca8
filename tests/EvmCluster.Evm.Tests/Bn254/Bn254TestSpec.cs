using System.Reflection;
using EvmCluster.Evm.Specs;

namespace EvmCluster.Evm.Tests.Bn254;

/// <summary>
/// A settable <see cref="IReleaseSpec"/>: every flag is off unless set. Built on a dispatch proxy so it keeps
/// compiling when forks add members to the interface; only EIP-1108 matters to the BN254 precompiles.
/// </summary>
public class Bn254TestSpec : DispatchProxy
{
    private readonly Dictionary<string, bool> _flags = [];
    private string _name = "Test";

    /// <summary>Byzantium rules: BN254 precompiles at their original prices.</summary>
    public static IReleaseSpec Byzantium => Create("Byzantium", eip1108: false);

    /// <summary>Istanbul rules: BN254 precompiles repriced by EIP-1108.</summary>
    public static IReleaseSpec Istanbul => Create("Istanbul", eip1108: true);

    /// <summary>A spec with the given name and EIP-1108 flag.</summary>
    public static IReleaseSpec Create(string name, bool eip1108)
    {
        IReleaseSpec spec = Create<IReleaseSpec, Bn254TestSpec>();
        var self = (Bn254TestSpec)(object)spec;
        self._name = name;
        self.Set(nameof(IReleaseSpec.IsEip196Enabled), true);
        self.Set(nameof(IReleaseSpec.IsEip197Enabled), true);
        self.Set(nameof(IReleaseSpec.IsEip1108Enabled), eip1108);
        return spec;
    }

    /// <summary>Sets a flag by property name, e.g. "IsEip1108Enabled".</summary>
    public void Set(string property, bool value) => _flags[property] = value;

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null) return null;
        string name = targetMethod.Name.StartsWith("get_", StringComparison.Ordinal) ? targetMethod.Name[4..] : targetMethod.Name;
        if (name == nameof(IReleaseSpec.Name)) return _name;
        if (targetMethod.ReturnType == typeof(bool)) return _flags.GetValueOrDefault(name);
        return targetMethod.ReturnType.IsValueType && targetMethod.ReturnType != typeof(void)
            ? Activator.CreateInstance(targetMethod.ReturnType)
            : null;
    }
}
