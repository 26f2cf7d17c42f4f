using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// Reads a "docker save" tarball (plain or gzip) end to end before anything is loaded: it must be a complete
/// tar holding exactly one image whose manifest, config and layers are all present and whose config
/// names this machine's platform.
/// </summary>
internal static class ImageTarballInspector
{
    private const long MaxMetadataBytes = 4 * 1024 * 1024;

    /// <summary>The tarball's image, or throws <see cref="InvalidDataException"/> saying what is wrong with it.</summary>
    public static async Task<ImageTarball> InspectAsync(string path, string expectedArchitecture, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        try
        {
            await using var file = File.OpenRead(path);
            var magic = new byte[2];
            var isGzip = await file.ReadAsync(magic, cancellationToken) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            await using Stream source = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            await using var reader = new TarReader(source);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                byte[]? content = null;
                if (entry.DataStream is not null && entry.Length <= MaxMetadataBytes && (name.EndsWith(".json", StringComparison.Ordinal) || name.StartsWith("blobs/", StringComparison.Ordinal) && entry.Length < 64 * 1024))
                {
                    using var buffer = new MemoryStream();
                    await entry.DataStream.CopyToAsync(buffer, cancellationToken);
                    content = buffer.ToArray();
                }
                else if (entry.DataStream is not null)
                {
                    // Read through the data so a truncated archive fails here, not half-way through a load.
                    await entry.DataStream.CopyToAsync(Stream.Null, cancellationToken);
                }
                files[name] = content;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"not a readable image tarball: {ex.Message}", ex);
        }

        if (!files.TryGetValue("manifest.json", out var manifestBytes) || manifestBytes is null)
        {
            throw new InvalidDataException("not a docker save tarball: manifest.json is missing");
        }
        ManifestEntry[] manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ManifestEntry[]>(manifestBytes) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"manifest.json is not valid: {ex.Message}", ex);
        }
        if (manifest.Length != 1)
        {
            throw new InvalidDataException($"the tarball must hold exactly one image; it holds {manifest.Length}");
        }
        var image = manifest[0];
        if (image.Config is null || !files.TryGetValue(image.Config, out var configBytes) || configBytes is null)
        {
            throw new InvalidDataException($"the image config '{image.Config}' named in manifest.json is missing");
        }
        var missing = (image.Layers ?? []).Where(l => !files.ContainsKey(l)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{missing.Count} layer(s) named in manifest.json are missing, first {missing[0]}");
        }
        string architecture;
        string os;
        try
        {
            using var config = JsonDocument.Parse(configBytes);
            architecture = config.RootElement.TryGetProperty("architecture", out var a) ? a.GetString() ?? "" : "";
            os = config.RootElement.TryGetProperty("os", out var o) ? o.GetString() ?? "" : "";
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the image config is not valid JSON: {ex.Message}", ex);
        }
        if (!string.Equals(os, "linux", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the image is for os '{os}', this machine runs linux");
        }
        if (!string.Equals(architecture, expectedArchitecture, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the image is for architecture '{architecture}', this machine is '{expectedArchitecture}'");
        }
        var imageId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(configBytes));
        return new ImageTarball(imageId, image.RepoTags ?? [], architecture, os);
    }

    /// <summary>Docker's architecture names (uname -m from the engine) in the OCI spelling image configs use.</summary>
    public static string OciArchitecture(string engineArchitecture) => engineArchitecture switch
    {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "armv7l" => "arm",
        _ => engineArchitecture,
    };

    private sealed class ManifestEntry
    {
        public string? Config { get; set; }
        public List<string>? RepoTags { get; set; }
        public List<string>? Layers { get; set; }
    }
}
