using System.Globalization;

namespace EvmCluster.Coordinator.Cli;

/// <summary>Options (<c>--name value</c> or <c>--flag</c>) and positional arguments of one command.</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "console-traces", "verbose", "dry-run", "verify" };

    public static CommandArguments Parse(ReadOnlySpan<string> args)
    {
        var result = new CommandArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (!Flags.Contains(name))
                {
                    if (i + 1 >= args.Length) throw new UsageException($"option --{name} needs a value");
                    value = args[++i];
                }
                result._options[name] = value;
            }
            else
            {
                result.Positional.Add(a);
            }
        }
        return result;
    }

    public string? Get(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public bool Has(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public int GetInt(string name, int defaultValue, int min = 1)
    {
        string? text = Get(name);
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
            throw new UsageException($"--{name} must be a whole number of at least {min}, got '{text}'");
        return value;
    }

    /// <summary>Rejects options the command did not ask for, so a typo is not silently ignored.</summary>
    public void EnsureAllUsed()
    {
        foreach (string name in _options.Keys)
        {
            if (!_read.Contains(name)) throw new UsageException($"unknown option --{name}");
        }
    }
}
