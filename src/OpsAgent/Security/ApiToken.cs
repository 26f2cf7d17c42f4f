using System.Security.Cryptography;
using System.Text;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Security;

/// <summary>The agent's API token, read once from settings or its secret file, compared in constant time.</summary>
public sealed class ApiToken
{
    private readonly byte[] _hash;

    public ApiToken(IOptions<OpsAgentOptions> options)
    {
        var o = options.Value;
        var token = !string.IsNullOrWhiteSpace(o.ApiTokenFile) ? File.ReadAllText(o.ApiTokenFile).Trim() : o.ApiToken?.Trim() ?? "";
        if (token.Length < 16)
        {
            throw new InvalidOperationException("The API token must be at least 16 characters.");
        }
        Value = token;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The token itself, for redaction only.</summary>
    internal string Value { get; }

    /// <summary>Hashing both sides first gives equal-length inputs, so the comparison time says nothing about the token.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
