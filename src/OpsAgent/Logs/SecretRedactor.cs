using System.Text.RegularExpressions;

namespace LiveStt.OpsAgent.Logs;

/// <summary>
/// Removes secrets from text bound for a log bundle: every known secret value (the agent's token, secret-looking
/// environment values of the managed containers and of the agent) wherever it appears, plus anything written
/// as "token=...", "password: ..." or "Bearer ...".
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";
    private const int MinimumSecretLength = 4;
    private static readonly HashSet<string> NotSecrets = new(["true", "false", "yes", "no", "none", "null", "enabled", "disabled"], StringComparer.OrdinalIgnoreCase);
    private readonly string[] _values;

    public SecretRedactor(IEnumerable<string> secretValues)
    {
        // Longest first, so a secret that contains another is masked whole.
        // Flags such as PIN_REQUIRED=true are not secrets, and masking every "true" would wreck the logs.
        _values = secretValues.Where(v => v.Length >= MinimumSecretLength && !NotSecrets.Contains(v)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length).ToArray();
    }

    /// <summary>Whether an environment variable's name says its value is a secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>Values of the secret-named variables in "NAME=value" lines.</summary>
    public static IEnumerable<string> SecretValues(IEnumerable<string>? environment) =>
        (environment ?? []).Select(e => e.Split('=', 2)).Where(p => p.Length == 2 && IsSecretName(p[0])).Select(p => p[1]);

    public string Redact(string text)
    {
        foreach (var value in _values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }
        text = Assignment().Replace(text, m => m.Groups["key"].Value + Mask);
        return Bearer().Replace(text, $"Bearer {Mask}");
    }

    /// <summary>"NAME=value" with the value masked when the name says secret.</summary>
    public string RedactEnvironmentEntry(string entry)
    {
        var parts = entry.Split('=', 2);
        return parts.Length == 2 && IsSecretName(parts[0]) ? $"{parts[0]}={Mask}" : Redact(entry);
    }

    [GeneratedRegex("(token|secret|passw|pwd|pin|key|credential|auth)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex("""(?<key>\b[\w.-]*(?:token|secret|passw(?:or)?d|pwd|pin|api[_-]?key|apikey|private[_-]?key|credential)s?[\w.-]*"?\s*[=:]\s*"?)(?!\[REDACTED\])[^\s",;&]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"Bearer\s+(?!\[REDACTED\])[^\s""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();
}
