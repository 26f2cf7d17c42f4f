using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Settings;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Transcripts;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// The session controller with the appliance's own registrations around it, and fakes only where a real part would
/// need a model or hardware: whisper (a <see cref="ScriptedTranscriber"/>), the model provider, the voice-activity model
/// (loudness), and, when given, the audio source. Its folder (transcripts, settings) is removed on dispose.
/// </summary>
internal sealed class SessionHarness : IDisposable
{
    public static readonly ResolvedModel Model = new("tiny.en", "/models/ggml-tiny.en.bin", 77_000_000, IsDemo: false);

    private readonly ServiceProvider services;

    public SessionHarness(
        ScriptedSpeech speech,
        FakeModelProvider? models = null,
        FakeWhisperRuntime? runtime = null,
        bool autoStart = true,
        bool loop = false,
        string? audioPath = null,
        TimeProvider? time = null,
        IAudioSourceFactory? sources = null,
        Dictionary<string, string?>? extra = null)
    {
        Speech = speech;
        Models = models ?? new FakeModelProvider(() => Model);
        Runtime = runtime ?? new FakeWhisperRuntime(_ => new ScriptedTranscriber(speech));
        WavPath = Path.Combine(Directory, "speech.wav");
        // 32-bit float at 16 kHz reaches the pipeline sample for sample, so the fake whisper can place it.
        File.WriteAllBytes(WavPath, WavBuilder.Create(speech.Audio, 16_000, 1, WavSampleEncoding.IeeeFloat, 32));

        var settings = new Dictionary<string, string?>
        {
            ["Audio:Path"] = audioPath ?? WavPath,
            ["Audio:Pacing"] = "AsFastAsPossible",
            ["Audio:Loop"] = loop.ToString(),
            ["Streaming:AutoStart"] = autoStart.ToString(),
            ["Transcripts:Directory"] = TranscriptDirectory,
            ["Vocabulary:Path"] = Path.Combine(Directory, "vocabulary.json"),
            ["Settings:InputPath"] = Path.Combine(Directory, "settings", "input.json"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(Logger));
        collection.AddSingleton(typeof(ILogger<>), typeof(ListLogger<>));
        collection.AddSingleton(Logger);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddSingleton<IModelProvider>(Models);
        collection.AddSingleton<IWhisperRuntime>(Runtime);
        collection.AddSingleton<ICaptionPublisher>(Publisher);
        if (sources is not null)
        {
            collection.AddSingleton(sources);
        }

        collection.AddWhisper(configuration);
        collection.AddAudioInput(configuration);
        collection.AddVoiceActivity(configuration);
        collection.AddCaptionGuards(configuration);
        collection.AddSiteVocabulary(configuration);
        collection.AddKioskSettings(configuration);
        collection.AddTranscripts(configuration);
        collection.AddSingleton<IVoiceActivityDetectorFactory>(new FixedVoiceActivityFactory(() => new LoudnessVoiceActivity()));
        collection.AddCaptionStreaming(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("livestt-session-").FullName;

    public string TranscriptDirectory => Path.Combine(Directory, "transcripts");

    public string WavPath { get; }

    public ScriptedSpeech Speech { get; }

    public FakeModelProvider Models { get; }

    public FakeWhisperRuntime Runtime { get; }

    public RecordingPublisher Publisher { get; } = new();

    public ListLogger Logger { get; } = new();

    public IServiceProvider Services => services;

    public ISessionController Controller => services.GetRequiredService<ISessionController>();

    public CaptionSessionController Hosted => services.GetServices<IHostedService>().OfType<CaptionSessionController>().Single();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts the hosted services, as the host does.</summary>
    public async Task StartHostAsync()
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Token);
        }
    }

    /// <summary>Stops the hosted services, as the host does on shutdown.</summary>
    public async Task StopHostAsync()
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(Token);
        }
    }

    /// <summary>Polls the session until <paramref name="condition"/> holds (20 s at most).</summary>
    public async Task<SessionSnapshot> WaitForAsync(Func<SessionSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var snapshot = Controller.Current;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The session never got there; it is {snapshot}.");
            }

            await Task.Delay(10, Token);
        }
    }

    /// <summary>The single transcript file's records, each parsed.</summary>
    public IReadOnlyList<System.Text.Json.JsonElement> TranscriptRecords() =>
        File.ReadAllLines(System.IO.Directory.GetFiles(TranscriptDirectory).ShouldHaveSingleItem())
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    public void Dispose()
    {
        services.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
