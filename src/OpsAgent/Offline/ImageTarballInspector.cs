using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using LiveStt.OpsAgent.Registry;

namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// Reads a "docker save" tarball (plain or gzip) end to end before anything is loaded: it must be a complete
/// tar holding exactly one image whose manifest, config and layers are all present and whose config
/// names this machine's platform. No path in it, and none its manifest names, may lead outside it, and its tags must
/// be image references with tags.
/// </summary>
internal static class ImageTarballInspector
{
    private const long MaxMetadataBytes = 4 * 1024 * 1024;

    /// <summary>The tarball's image, or throws <see cref="InvalidDataException"/> saying what is wrong with it.</summary>
    public static async Task<ImageTarball> InspectAsync(string path, string expectedArchitecture, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        string? outside = null;
        try
        {
            await using var file = File.OpenRead(path);
            var magic = new byte[2];
            var isGzip = await file.ReadAsync(magic, cancellationToken) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            await using Stream source = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            await using var reader = new TarReader(source);
            while (outside is null && await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (Outside(entry) is { } why)
                {
                    outside = why;
                    break;
                }
                var name = TarballPath.Normalize(entry.Name)!;
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
        // The framework's own messages are resource keys in the trimmed image (UseSystemResourceKeys), so the reasons
        // are the agent's; an I/O error's message comes from the operating system and reads as it is.
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("not a readable image tarball: it ends part-way through (cut short, or still being copied)", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("not a readable image tarball: it is not a tar archive, plain or gzip, as docker save writes one", ex);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"not a readable image tarball: {ex.Message}", ex);
        }
        if (outside is not null)
        {
            throw new InvalidDataException(outside);
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
        if (image.Layers?.Contains(null) == true || image.RepoTags?.Contains(null) == true)
        {
            throw new InvalidDataException("manifest.json is not valid: it lists a layer or tag that is null");
        }
        var layers = image.Layers?.Select(l => l!).ToList() ?? [];
        var tags = image.RepoTags?.Select(t => t!).ToList() ?? [];
        foreach (var named in layers.Prepend(image.Config ?? ""))
        {
            if (TarballPath.Normalize(named) is null)
            {
                throw new InvalidDataException($"manifest.json names a path that leads outside the tarball: '{Printable.Of(named)}'");
            }
        }
        foreach (var tag in tags)
        {
            if (!ImageReference.TryParse(tag, out var reference, out var why))
            {
                throw new InvalidDataException($"manifest.json tags the image '{Printable.Of(tag)}', which is not an image reference: {why}");
            }
            if (reference!.Digest is not null)
            {
                throw new InvalidDataException($"manifest.json names the image by a digest, '{Printable.Of(tag)}'; a tarball's image must be named by tags");
            }
        }
        var configPath = TarballPath.Normalize(image.Config ?? "");
        if (string.IsNullOrEmpty(configPath) || !files.TryGetValue(configPath, out var configBytes) || configBytes is null)
        {
            throw new InvalidDataException($"the image config '{Printable.Of(image.Config ?? "")}' named in manifest.json is missing");
        }
        var missing = layers.Where(l => !files.ContainsKey(TarballPath.Normalize(l)!)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{missing.Count} layer(s) named in manifest.json are missing, first {Printable.Of(missing[0])}");
        }
        string architecture;
        string os;
        try
        {
            using var config = JsonDocument.Parse(configBytes);
            architecture = Text(config.RootElement, "architecture");
            os = Text(config.RootElement, "os");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the image config is not valid JSON: {ex.Message}", ex);
        }
        if (!string.Equals(os, "linux", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the image is for os '{Printable.Of(os)}', this machine runs linux");
        }
        if (!string.Equals(architecture, expectedArchitecture, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the image is for architecture '{Printable.Of(architecture)}', this machine is '{expectedArchitecture}'");
        }
        var imageId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(configBytes));
        return new ImageTarball(imageId, tags, architecture, os);
    }

    /// <summary>A config's string field; "" when it is missing or not a string (which the platform check then refuses).</summary>
    private static string Text(JsonElement config, string field) =>
        config.ValueKind == JsonValueKind.Object && config.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    /// <summary>Why an entry would reach outside the tarball once unpacked, or null when it stays inside.</summary>
    private static string? Outside(TarEntry entry)
    {
        var name = TarballPath.Normalize(entry.Name);
        if (name is null)
        {
            return $"the tarball holds a path that leads outside it: '{Printable.Of(entry.Name)}'";
        }
        if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink
            && TarballPath.LinkTarget(name, entry.LinkName, entry.EntryType == TarEntryType.SymbolicLink) is null)
        {
            return $"the tarball holds a link that leads outside it: '{Printable.Of(entry.Name)}' -> '{Printable.Of(entry.LinkName)}'";
        }
        if (entry.EntryType is TarEntryType.BlockDevice or TarEntryType.CharacterDevice or TarEntryType.Fifo)
        {
            return $"the tarball holds a device or pipe, '{Printable.Of(entry.Name)}'; an image tarball holds files, folders and links";
        }
        return null;
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
        public List<string?>? RepoTags { get; set; }
        public List<string?>? Layers { get; set; }
    }
}
