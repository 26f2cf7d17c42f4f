using System.Globalization;

namespace LiveStt.Bench;

/// <summary>"--name value" and "--flag" arguments.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public static BenchArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed.values[args[i][2..]] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public string Text(string name, string? fallback = null) =>
        values.TryGetValue(name, out var value) && value is not null ? value : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int fallback) =>
        values.TryGetValue(name, out var value) && value is not null ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Real(string name, double fallback) =>
        values.TryGetValue(name, out var value) && value is not null ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => values.ContainsKey(name);
}
