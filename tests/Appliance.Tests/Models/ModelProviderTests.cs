using System.Security.Cryptography;
using LiveStt.Appliance.Models;
using LiveStt.ModelGenerator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Models;

public sealed class ModelProviderTests : IDisposable
{
    private const string ModelName = "test.en";
    private const string FileName = "ggml-test.en.bin";

    private readonly string _directory = Directory.CreateTempSubdirectory("livestt-models-").FullName;
    private readonly LoopbackModelServer _server = new();
    private readonly byte[] _model = RandomBytes(700_000, seed: 7);

    public ModelProviderTests() => _server.Serve(FileName, _model);

    private string CacheDirectory => Path.Combine(_directory, "cache");

    private string CachedModelPath => Path.Combine(CacheDirectory, FileName);

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_named_model_is_downloaded_once_verified_and_then_served_from_the_cache()
    {
        var (first, logs) = CreateProvider();
        var resolved = await first.ResolveAsync(TestContext.Current.CancellationToken);

        resolved.ShouldBe(new ResolvedModel(ModelName, CachedModelPath, _model.Length, IsDemo: false));
        first.Current.ShouldBe(resolved);
        File.ReadAllBytes(CachedModelPath).ShouldBe(_model);
        File.Exists(CachedModelPath + ModelProvider.PartialSuffix).ShouldBeFalse();
        _server.RequestCount(FileName).ShouldBe(1);
        logs.Records.ShouldContain(r => r.EventId == 1410 && r.Message.Contains("(100%)"), "download progress is logged up to 100 %");

        // A second resolve, in this process and after a restart, uses the verified file without asking the server.
        (await first.ResolveAsync(TestContext.Current.CancellationToken)).ShouldBe(resolved);
        var (afterRestart, _) = CreateProvider();
        (await afterRestart.ResolveAsync(TestContext.Current.CancellationToken)).ShouldBe(resolved);
        _server.RequestCount(FileName).ShouldBe(1);
    }

    [Fact]
    public async Task A_download_under_way_reports_how_far_it_has_got_and_nothing_once_done()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.HoldMidBody = hold;
        var (provider, _) = CreateProvider();
        provider.Download.ShouldBeNull();

        var resolving = provider.ResolveAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((provider.Download?.ReceivedBytes ?? 0) < _model.Length / 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        provider.Download.ShouldBe(new ModelDownloadProgress(ModelName, _model.Length / 2, _model.Length));
        hold.SetResult();
        await resolving;
        provider.Download.ShouldBeNull();
    }

    [Fact]
    public async Task A_cached_model_that_changed_on_disk_is_hashed_again_and_replaced()
    {
        var (provider, _) = CreateProvider();
        await provider.ResolveAsync(TestContext.Current.CancellationToken);

        var corrupted = (byte[])_model.Clone();
        corrupted[12_345] ^= 0xFF;
        File.WriteAllBytes(CachedModelPath, corrupted);
        File.SetLastWriteTimeUtc(CachedModelPath, DateTime.UtcNow.AddMinutes(1));

        var (afterRestart, logs) = CreateProvider();
        await afterRestart.ResolveAsync(TestContext.Current.CancellationToken);

        File.ReadAllBytes(CachedModelPath).ShouldBe(_model);
        _server.RequestCount(FileName).ShouldBe(2);
        logs.Records.ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("SHA-1"));
    }

    [Fact]
    public async Task A_checksum_mismatch_leaves_no_file_that_looks_valid_even_with_a_demo_fallback()
    {
        var demo = WriteDemoModel();
        var wrongChecksum = new ModelCatalogEntry(ModelName, FileName, _model.Length, new string('0', 40));
        var (provider, _) = CreateProvider(catalogEntry: wrongChecksum, demoFallbackPath: demo);

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("checksum");
        error.Message.ShouldContain(Sha1Hex(_model));
        AssertNothingLooksLikeAModel();
        provider.Current.ShouldBeNull();
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_leaves_no_file_that_looks_valid_and_a_clear_error()
    {
        _server.DropMidBody = true;
        var (provider, _) = CreateProvider();

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"Model '{ModelName}' could not be downloaded from {_server.BaseUrl}/{FileName}");
        error.Message.ShouldContain("Models:DemoFallbackPath");
        AssertNothingLooksLikeAModel();

        // The next boot with a working connection gets the whole model.
        _server.DropMidBody = false;
        var (afterRestart, _) = CreateProvider();
        await afterRestart.ResolveAsync(TestContext.Current.CancellationToken);
        File.ReadAllBytes(CachedModelPath).ShouldBe(_model);
    }

    [Fact]
    public async Task A_missing_file_on_the_server_is_reported_with_its_status()
    {
        var (provider, _) = CreateProvider(catalogEntry: new ModelCatalogEntry(ModelName, "ggml-absent.bin", 10, new string('0', 40)));

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("404");
        Directory.GetFiles(CacheDirectory).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_server_falls_back_to_the_demo_model_with_a_warning()
    {
        var demo = WriteDemoModel();
        var (provider, logs) = CreateProvider(baseUrl: LoopbackModelServer.UnreachableBaseUrl(), demoFallbackPath: demo);

        var resolved = await provider.ResolveAsync(TestContext.Current.CancellationToken);

        resolved.IsDemo.ShouldBeTrue();
        resolved.Path.ShouldBe(demo);
        resolved.SizeBytes.ShouldBe(new FileInfo(demo).Length);
        provider.Current.ShouldBe(resolved);
        logs.Records.ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("not a speech model"));
        AssertNothingLooksLikeAModel();
    }

    [Fact]
    public async Task An_unreachable_server_without_a_demo_model_is_a_clear_error()
    {
        var (provider, _) = CreateProvider(baseUrl: LoopbackModelServer.UnreachableBaseUrl(), demoFallbackPath: Path.Combine(_directory, "absent-demo.bin"));

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"Model '{ModelName}' could not be downloaded");
        error.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_leftover_partial_download_is_never_taken_for_a_model()
    {
        Directory.CreateDirectory(CacheDirectory);
        File.WriteAllBytes(CachedModelPath + ModelProvider.PartialSuffix, _model.AsSpan(0, 1000).ToArray());
        var (provider, _) = CreateProvider();

        await provider.ResolveAsync(TestContext.Current.CancellationToken);

        File.ReadAllBytes(CachedModelPath).ShouldBe(_model);
        File.Exists(CachedModelPath + ModelProvider.PartialSuffix).ShouldBeFalse();
        _server.RequestCount(FileName).ShouldBe(1);
    }

    [Fact]
    public async Task An_explicit_path_is_used_as_it_is_and_wins_over_the_name()
    {
        var path = Path.Combine(_directory, "my-model.bin");
        File.WriteAllBytes(path, _model);
        var (provider, _) = CreateProvider(explicitPath: path);

        var resolved = await provider.ResolveAsync(TestContext.Current.CancellationToken);

        resolved.ShouldBe(new ResolvedModel("my-model.bin", path, _model.Length, IsDemo: false));
        _server.RequestCount(FileName).ShouldBe(0);
    }

    [Fact]
    public async Task An_explicit_path_to_a_generated_model_is_flagged_as_a_demo()
    {
        var path = WriteDemoModel();
        var (provider, _) = CreateProvider(explicitPath: path);

        var resolved = await provider.ResolveAsync(TestContext.Current.CancellationToken);

        resolved.IsDemo.ShouldBeTrue();
        File.Exists(path + ModelProvider.DemoMarkerSuffix).ShouldBeTrue();
    }

    [Fact]
    public async Task An_explicit_path_that_does_not_exist_is_a_clear_error()
    {
        var path = Path.Combine(_directory, "nowhere", "model.bin");
        var (provider, _) = CreateProvider(explicitPath: path);

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"Models:Path '{path}' does not exist");
        provider.Current.ShouldBeNull();
    }

    [Fact]
    public async Task An_explicit_path_that_is_a_directory_is_a_clear_error()
    {
        var (provider, _) = CreateProvider(explicitPath: _directory);

        var error = await Should.ThrowAsync<ModelUnavailableException>(() => provider.ResolveAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("is a directory");
    }

    private (IModelProvider Provider, RecordingLoggerProvider Logs) CreateProvider(
        ModelCatalogEntry? catalogEntry = null,
        Uri? baseUrl = null,
        string? demoFallbackPath = null,
        string? explicitPath = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Name"] = ModelName,
            ["Models:CacheDirectory"] = CacheDirectory,
            ["Models:DownloadBaseUrl"] = (baseUrl ?? _server.BaseUrl).ToString(),
            ["Models:DemoFallbackPath"] = demoFallbackPath,
            ["Models:Path"] = explicitPath,
            ["Models:StallTimeout"] = "00:00:10",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<IModelCatalog>(new ModelCatalog([catalogEntry ?? new ModelCatalogEntry(ModelName, FileName, _model.Length, Sha1Hex(_model))]))
            .AddModels(configuration)
            .BuildServiceProvider();
        return (services.GetRequiredService<IModelProvider>(), logs);
    }

    private string WriteDemoModel() =>
        RandomWhisperModel.Write(Path.Combine(_directory, "demo", "livestt-demo.bin"), WhisperModelShape.Micro).FullName;

    private void AssertNothingLooksLikeAModel()
    {
        File.Exists(CachedModelPath).ShouldBeFalse();
        File.Exists(CachedModelPath + ModelProvider.PartialSuffix).ShouldBeFalse();
        File.Exists(CachedModelPath + ".verified").ShouldBeFalse();
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

#pragma warning disable CA5350 // The catalog's published checksums are SHA-1.
    private static string Sha1Hex(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));
#pragma warning restore CA5350
}
