using System.Security.Cryptography;
using System.Text;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Security;

/// <summary>The agent's API token, read once from settings or its secret file, compared in constant time.</summary>
internal sealed class ApiToken
{
    /// <summary>Fewest characters a token may have, surrounding white space not counted.</summary>
    public const int MinLength = 16;

    private readonly byte[] _token;

    public ApiToken(IOptions<OpsAgentOptions> options)
    {
        var o = options.Value;
        var token = !string.IsNullOrWhiteSpace(o.ApiTokenFile) ? File.ReadAllText(o.ApiTokenFile).Trim() : o.ApiToken?.Trim() ?? "";
        if (token.Length < MinLength)
        {
            throw new InvalidOperationException($"The API token must be at least {MinLength} characters.");
        }
        Value = token;
        _token = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token itself, for redaction only.</summary>
    internal string Value { get; }

    /// <summary>
    /// Compares over the token's full length whatever is presented, so the time taken depends only on the
    /// token's length (not secret), never on how many leading bytes matched.
    /// </summary>
    public bool Matches(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }
        var presented = Encoding.UTF8.GetBytes(candidate);
        var padded = new byte[_token.Length];
        presented.AsSpan(0, Math.Min(presented.Length, padded.Length)).CopyTo(padded);
        return CryptographicOperations.FixedTimeEquals(_token, padded) & presented.Length == _token.Length;
    }
}
