using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Models;

/// <summary>
/// Resolves the configured model: an explicit file, or a catalog model downloaded once into the cache
/// directory and verified by size and SHA-1. A download is written to <c>name.partial</c> and renamed only
/// after it verifies, so a file under the model's own name is always a complete, checked one.
/// </summary>
internal sealed partial class ModelProvider : IModelProvider, IDisposable
{
    public const string HttpClientName = "LiveStt.Models";
    public const string PartialSuffix = ".partial";

    /// <summary>Marker next to a generated random-weight model (written by the model generator).</summary>
    public const string DemoMarkerSuffix = ".demo";

    private const int BufferSize = 1 << 16;

    private readonly ModelOptions _options;
    private readonly IModelCatalog _catalog;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ModelProvider> _logger;
    private readonly SemaphoreSlim _resolving = new(1, 1);
    private ResolvedModel? _current;
    private ModelDownloadProgress? _download;

    public ModelProvider(
        IOptions<ModelOptions> options,
        IModelCatalog catalog,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        ILogger<ModelProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _catalog = catalog;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public ResolvedModel? Current => Volatile.Read(ref _current);

    public ModelDownloadProgress? Download => Volatile.Read(ref _download);

    public async Task<ResolvedModel> ResolveAsync(CancellationToken cancellationToken)
    {
        // One resolve at a time: two callers must not download the same file side by side.
        await _resolving.WaitAsync(cancellationToken);
        try
        {
            var resolved = string.IsNullOrWhiteSpace(_options.Path)
                ? await ResolveNamedAsync(cancellationToken)
                : ResolveExplicitPath(_options.Path);
            Volatile.Write(ref _current, resolved);
            return resolved;
        }
        finally
        {
            _resolving.Release();
        }
    }

    public void Dispose() => _resolving.Dispose();

    private ResolvedModel ResolveExplicitPath(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new ModelUnavailableException($"Models:Path '{fullPath}' is a directory; it must name a whisper.cpp ggml model file.");
        }

        if (!File.Exists(fullPath))
        {
            throw new ModelUnavailableException($"Models:Path '{fullPath}' does not exist. Point it at a whisper.cpp ggml model file, or remove it to use a named model (Models:Name).");
        }

        var resolved = new ResolvedModel(System.IO.Path.GetFileName(fullPath), fullPath, new FileInfo(fullPath).Length, IsDemoModel(fullPath));
        Log.UsingModelFile(_logger, resolved.Path, resolved.SizeBytes, resolved.IsDemo);
        return resolved;
    }

    private async Task<ResolvedModel> ResolveNamedAsync(CancellationToken cancellationToken)
    {
        var entry = _catalog.Find(_options.Name)
            ?? throw new ModelUnavailableException($"Models:Name '{_options.Name}' is not a known model; known names: {string.Join(", ", _catalog.Entries.Select(e => e.Name))}.");
        var cacheDirectory = System.IO.Path.GetFullPath(_options.CacheDirectory);
        var target = System.IO.Path.Combine(cacheDirectory, entry.FileName);

        if (await IsVerifiedCacheAsync(entry, target, cancellationToken))
        {
            Log.UsingCachedModel(_logger, entry.Name, target);
            return new ResolvedModel(entry.Name, target, entry.SizeBytes, IsDemo: false);
        }

        var url = new Uri(_options.DownloadBaseUrl.TrimEnd('/') + "/" + entry.FileName);
        var partial = target + PartialSuffix;
        try
        {
            Directory.CreateDirectory(cacheDirectory);
            await DownloadAsync(entry, url, partial, cancellationToken);
            File.Move(partial, target, overwrite: true);
            VerifiedModelStamp.Write(new FileInfo(target), entry.Sha1);
            Log.Downloaded(_logger, entry.Name, target);
            return new ResolvedModel(entry.Name, target, entry.SizeBytes, IsDemo: false);
        }
        catch (Exception ex) when (IsTransferFailure(ex, cancellationToken))
        {
            DeleteQuietly(partial);
            var reason = DescribeTransferFailure(ex);
            if (DemoFallback() is { } demo)
            {
                Log.FallingBackToDemo(_logger, ex, entry.Name, url, reason, demo.Path);
                return demo;
            }

            throw new ModelUnavailableException(
                $"Model '{entry.Name}' could not be downloaded from {url}: {reason}. Nothing was kept under {target}. " +
                "Check the network, or set Models:Path to a model file, or Models:DemoFallbackPath to a generated demo model.",
                ex);
        }
        catch
        {
            DeleteQuietly(partial);
            throw;
        }
    }

    private async Task<bool> IsVerifiedCacheAsync(ModelCatalogEntry entry, string target, CancellationToken cancellationToken)
    {
        var file = new FileInfo(target);
        if (!file.Exists)
        {
            return false;
        }

        if (file.Length == entry.SizeBytes)
        {
            if (VerifiedModelStamp.Confirms(file, entry.Sha1))
            {
                return true;
            }

            Log.VerifyingCachedModel(_logger, entry.Name, target, file.Length);
            var actual = await HashFileAsync(target, cancellationToken);
            if (string.Equals(actual, entry.Sha1, StringComparison.OrdinalIgnoreCase))
            {
                VerifiedModelStamp.Write(file, entry.Sha1);
                return true;
            }

            Log.DiscardingCachedModel(_logger, entry.Name, target, $"its SHA-1 is {actual}, expected {entry.Sha1}");
        }
        else
        {
            Log.DiscardingCachedModel(_logger, entry.Name, target, $"it is {file.Length} bytes, expected {entry.SizeBytes}");
        }

        File.Delete(target);
        VerifiedModelStamp.Delete(target);
        return false;
    }

    private async Task DownloadAsync(ModelCatalogEntry entry, Uri url, string partial, CancellationToken cancellationToken)
    {
        using var wholeDownload = new CancellationTokenSource(_options.DownloadTimeout, _timeProvider);
        using var downloadOrCaller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wholeDownload.Token);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(downloadOrCaller.Token);
        var token = downloadOrCaller.Token;

        File.Delete(partial);
        Log.DownloadStarting(_logger, entry.Name, url, entry.SizeBytes, partial);

        var client = _httpClientFactory.CreateClient(HttpClientName);
        stall.CancelAfter(_options.StallTimeout);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", inner: null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength is { } announced && announced != entry.SizeBytes)
        {
            throw new ModelUnavailableException(
                $"Model '{entry.Name}' from {url} is {announced} bytes, but the published file is {entry.SizeBytes} bytes; refusing to download it.");
        }

        var progress = new DownloadProgressLog(_logger, _timeProvider, entry.Name, entry.SizeBytes);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long received = 0;
        Volatile.Write(ref _download, new ModelDownloadProgress(entry.Name, 0, entry.SizeBytes));
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(token);
            await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            while (true)
            {
                // Re-armed before every read: the limit is on silence, not on the length of the download.
                stall.CancelAfter(_options.StallTimeout);
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), stall.Token);
                if (read == 0)
                {
                    break;
                }

                received += read;
                if (received > entry.SizeBytes)
                {
                    throw new ModelUnavailableException(
                        $"Model '{entry.Name}' from {url} is larger than the published {entry.SizeBytes} bytes; the download was deleted.");
                }

                sha1.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), token);
                progress.Report(received);
                Volatile.Write(ref _download, new ModelDownloadProgress(entry.Name, received, entry.SizeBytes));
            }

            await file.FlushAsync(token);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            Volatile.Write(ref _download, null);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (received != entry.SizeBytes)
        {
            throw new IOException($"the connection ended after {received} of {entry.SizeBytes} bytes");
        }

        var actual = Convert.ToHexStringLower(sha1.GetHashAndReset());
        if (!string.Equals(actual, entry.Sha1, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelUnavailableException(
                $"Model '{entry.Name}' from {url} failed its checksum: SHA-1 {actual}, expected {entry.Sha1}. The download was deleted.");
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "whisper.cpp publishes SHA-1 checksums; it detects corrupt or partial files here, not tampering by an attacker.")]
    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA1.HashDataAsync(file, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    private ResolvedModel? DemoFallback()
    {
        if (string.IsNullOrWhiteSpace(_options.DemoFallbackPath))
        {
            return null;
        }

        var fullPath = System.IO.Path.GetFullPath(_options.DemoFallbackPath);
        if (!File.Exists(fullPath))
        {
            Log.DemoFallbackMissing(_logger, fullPath);
            return null;
        }

        return new ResolvedModel(System.IO.Path.GetFileName(fullPath), fullPath, new FileInfo(fullPath).Length, IsDemo: true);
    }

    private static bool IsDemoModel(string fullPath) => File.Exists(fullPath + DemoMarkerSuffix);

    // Failures of the transfer itself (network, server, timeouts, local disk) may fall back to the demo
    // model; a file that arrives but is not the published one (size or checksum) is an error.
    private static bool IsTransferFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException or TimeoutException or UnauthorizedAccessException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private string DescribeTransferFailure(Exception ex) => ex switch
    {
        OperationCanceledException => $"no data for {_options.StallTimeout.TotalSeconds:F0} s or over the {_options.DownloadTimeout} limit",
        HttpRequestException { StatusCode: HttpStatusCode status } http => $"{http.Message} ({(int)status})",
        _ => ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})",
    };

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A partial that cannot be removed still cannot be mistaken for a model: it keeps its suffix.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Using model file {Path} ({SizeBytes} bytes, demo {IsDemo})")]
        public static partial void UsingModelFile(ILogger logger, string path, long sizeBytes, bool isDemo);

        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Using cached model {ModelName} at {Path}")]
        public static partial void UsingCachedModel(ILogger logger, string modelName, string path);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Verifying cached model {ModelName} at {Path} ({SizeBytes} bytes)")]
        public static partial void VerifyingCachedModel(ILogger logger, string modelName, string path, long sizeBytes);

        [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Discarding cached model {ModelName} at {Path}: {Reason}")]
        public static partial void DiscardingCachedModel(ILogger logger, string modelName, string path, string reason);

        [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Downloading model {ModelName} from {Url} ({SizeBytes} bytes) to {PartialPath}")]
        public static partial void DownloadStarting(ILogger logger, string modelName, Uri url, long sizeBytes, string partialPath);

        [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Downloaded and verified model {ModelName} at {Path}")]
        public static partial void Downloaded(ILogger logger, string modelName, string path);

        [LoggerMessage(EventId = 1406, Level = LogLevel.Warning,
            Message = "Model {ModelName} could not be downloaded from {Url} ({Reason}); using the demo model {DemoPath} instead: it is not a speech model and its text does not follow the audio")]
        public static partial void FallingBackToDemo(ILogger logger, Exception exception, string modelName, Uri url, string reason, string demoPath);

        [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Models:DemoFallbackPath {Path} does not exist; there is no demo model to fall back to")]
        public static partial void DemoFallbackMissing(ILogger logger, string path);
    }
}
