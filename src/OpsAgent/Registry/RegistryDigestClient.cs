using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Registry;

/// <summary>Reads a tag's current manifest digest from its registry (a HEAD request: nothing is pulled).</summary>
internal interface IRegistryDigestClient
{
    Task<string> GetDigestAsync(ImageReference image, CancellationToken cancellationToken);
}

internal sealed class RegistryDigestClient(HttpClient http, IOptions<OpsAgentOptions> options) : IRegistryDigestClient
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    public async Task<string> GetDigestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{BaseAddress(image.Registry)}/v2/{image.Repository}/manifests/{image.Tag}");
        using var response = await SendAsync(uri, bearer: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized
            && response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) is { } challenge)
        {
            var token = await GetAnonymousTokenAsync(challenge, image, cancellationToken);
            using var retried = await SendAsync(uri, token, cancellationToken);
            return ReadDigest(retried, image);
        }
        return ReadDigest(response, image);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryException($"registry {uri.Authority} could not be reached: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException($"registry {uri.Authority} did not answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    private static string ReadDigest(HttpResponseMessage response, ImageReference image)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException($"registry answered {(int)response.StatusCode} {response.ReasonPhrase} for {image}");
        }
        if (!response.Headers.TryGetValues("Docker-Content-Digest", out var values) || values.FirstOrDefault() is not { } digest
            || !digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new RegistryException($"registry gave no Docker-Content-Digest for {image}");
        }
        return digest;
    }

    private async Task<string> GetAnonymousTokenAsync(AuthenticationHeaderValue challenge, ImageReference image, CancellationToken cancellationToken)
    {
        var fields = (challenge.Parameter ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("realm", out var realm))
        {
            throw new RegistryException($"registry for {image} asked for a token without naming a realm");
        }
        var query = $"?scope={Uri.EscapeDataString(fields.GetValueOrDefault("scope") ?? $"repository:{image.Repository}:pull")}";
        if (fields.TryGetValue("service", out var service))
        {
            query += $"&service={Uri.EscapeDataString(service)}";
        }
        using var response = await http.GetAsync(new Uri(realm + query), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException($"token service answered {(int)response.StatusCode} for {image}");
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if ((body.RootElement.TryGetProperty("token", out var token) || body.RootElement.TryGetProperty("access_token", out token))
            && token.GetString() is { } value)
        {
            return value;
        }
        throw new RegistryException($"token service gave no token for {image}");
    }

    private string BaseAddress(string registry)
    {
        if (registry == "docker.io")
        {
            return "https://registry-1.docker.io";
        }
        var host = registry.Split(':')[0];
        var insecure = host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
            || options.Value.InsecureRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase);
        return $"{(insecure ? "http" : "https")}://{registry}";
    }
}
