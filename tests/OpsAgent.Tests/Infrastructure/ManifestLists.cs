using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// Writes a multi-arch tag the way a release does: a Docker manifest list over manifests already pushed to the same
/// repository, put through the registry's own HTTP API (docker-registry on loopback, plain HTTP).
/// </summary>
public static class ManifestLists
{
    public const string ListType = "application/vnd.docker.distribution.manifest.list.v2+json";
    private const string ManifestType = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Points repository:tag at a list of (digest, os, architecture); returns the list's digest as the registry gives it.</summary>
    public static async Task<string> PushAsync(string repository, string tag, params (string Digest, string Os, string Architecture)[] manifests)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(manifests);
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var registry = repository[..slash];
        var path = repository[(slash + 1)..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://{registry}/") };
        var entries = new List<object>();
        foreach (var (digest, os, architecture) in manifests)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{path}/manifests/{digest}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestType));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            entries.Add(new
            {
                mediaType = response.Content.Headers.ContentType!.MediaType,
                size = body.Length,
                digest,
                platform = new { architecture, os },
            });
        }
        var list = JsonSerializer.Serialize(new { schemaVersion = 2, mediaType = ListType, manifests = entries });
        using var content = new StringContent(list, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ListType);
        using var put = await http.PutAsync(new Uri($"v2/{path}/manifests/{tag}", UriKind.Relative), content);
        if (!put.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"registry refused the manifest list: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }
        return put.Headers.GetValues("Docker-Content-Digest").Single();
    }
}
