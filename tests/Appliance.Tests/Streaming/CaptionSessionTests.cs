using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Streaming;

public sealed class CaptionSessionTests : IDisposable
{
    private static readonly ResolvedModel Model = new("tiny.en", "/models/ggml-tiny.en.bin", 77_000_000, IsDemo: false);

    private readonly string directory = Directory.CreateTempSubdirectory("livestt-session-").FullName;
    private readonly RecordingPublisher publisher = new();
    private readonly ListLogger logger = new();
    private readonly ScriptedSpeech speech = ScriptedSpeech.Build(["one two three four", "five six seven"]);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_session_captions_a_wav_file_to_its_end_then_goes_idle()
    {
        var transcriber = new ScriptedTranscriber(speech);
        var runtime = new FakeWhisperRuntime(_ => transcriber);
        using var services = Services(runtime: runtime);
        var session = services.GetRequiredService<ICaptionSessionState>();
        session.Current.State.ShouldBe(SessionStates.Idle);

        await StartAsync(services);
        var final = await WaitForAsync(session, s => s.State == SessionStates.Idle && s.SessionId is not null);

        final.Error.ShouldBeNull();
        final.Source.ShouldBe($"wav:{WavPath}");
        final.StartedAt.ShouldNotBeNull();
        final.DroppedAudioMs.ShouldBe(0);
        runtime.LoadedPaths.ShouldBe([Model.Path]);
        transcriber.Disposed.ShouldBeTrue("the model is unloaded when the session ends");

        publisher.ShouldBeWellFormed(final.SessionId!);
        publisher.CommittedText.ShouldBe(speech.Text);
        final.CommittedLines.ShouldBe(publisher.Committed.Count);

        var transcript = Directory.GetFiles(Path.Combine(directory, "transcripts")).ShouldHaveSingleItem();
        Path.GetFileName(transcript).ShouldEndWith($"-{final.SessionId}.txt");
        var lines = await File.ReadAllLinesAsync(transcript, Token);
        lines.Select(line => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..]).ShouldBe(publisher.Committed.Select(c => c.Text));
        logger.Messages(LogLevel.Information).ShouldContain(m => m.Contains("ended with its audio"));
    }

    [Fact]
    public async Task A_missing_model_faults_the_session_and_leaves_the_host_running()
    {
        var models = new FakeModelProvider(() => throw new InvalidOperationException("Model 'base.en' is not cached and could not be downloaded."));
        using var services = Services(models: models);
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);
        var final = await WaitForAsync(session, s => s.State == SessionStates.Faulted);

        final.Error.ShouldBe("Model 'base.en' is not cached and could not be downloaded.");
        logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("faulted"));
        var hosted = services.GetServices<IHostedService>().OfType<CaptionSession>().ShouldHaveSingleItem();
        await hosted.ExecuteTask!;
        hosted.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue("a fault must not stop the host");
        await StopAsync(services);
    }

    [Fact]
    public async Task A_whisper_error_faults_the_session_with_its_message()
    {
        var transcriber = new ScriptedTranscriber(speech) { BeforeDecode = _ => throw new InvalidOperationException("whisper_full failed with code -6") };
        using var services = Services(runtime: new FakeWhisperRuntime(_ => transcriber));
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);
        var final = await WaitForAsync(session, s => s.State == SessionStates.Faulted);

        final.Error.ShouldBe("whisper_full failed with code -6");
        transcriber.Disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_model_that_will_not_load_faults_the_session()
    {
        using var services = Services(runtime: new FakeWhisperRuntime(_ => throw new DllNotFoundException("libwhisper.so.1 cannot be loaded")));
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);

        (await WaitForAsync(session, s => s.State == SessionStates.Faulted)).Error.ShouldBe("libwhisper.so.1 cannot be loaded");
    }

    [Fact]
    public async Task An_unreadable_audio_file_faults_the_session_with_a_clear_reason()
    {
        var broken = Path.Combine(directory, "broken.wav");
        await File.WriteAllBytesAsync(broken, "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), Token);
        using var services = Services(audioPath: broken);
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);

        (await WaitForAsync(session, s => s.State == SessionStates.Faulted)).Error
            .ShouldBe($"'{broken}' cannot be played: It is not a WAV file that can be read: Invalid WAV file - No fmt chunk found.");
    }

    [Fact]
    public async Task Without_auto_start_nothing_is_loaded_and_the_session_stays_idle()
    {
        var models = new FakeModelProvider(() => Model);
        using var services = Services(models: models, autoStart: false);
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);
        await services.GetServices<IHostedService>().OfType<CaptionSession>().Single().ExecuteTask!;

        session.Current.State.ShouldBe(SessionStates.Idle);
        session.Current.SessionId.ShouldBeNull();
        models.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Stopping_the_host_stops_a_live_session_and_cancels_whisper()
    {
        var decodes = 0;
        var sawCancellation = false;
        var transcriber = new ScriptedTranscriber(speech)
        {
            // Some decodes go through; then one is still running when the host stops.
            BeforeDecode = token =>
            {
                if (Interlocked.Increment(ref decodes) > 8)
                {
                    sawCancellation = token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                }
            },
        };
        using var services = Services(runtime: new FakeWhisperRuntime(_ => transcriber), loop: true);
        var session = services.GetRequiredService<ICaptionSessionState>();
        await StartAsync(services);
        await WaitForAsync(session, s => s.State == SessionStates.Live && Volatile.Read(ref decodes) > 8);

        await StopAsync(services);

        sawCancellation.ShouldBeTrue("the decode in progress was handed the host's stopping token");
        session.Current.State.ShouldBe(SessionStates.Idle);
        session.Current.Error.ShouldBeNull();
        session.Current.CommittedLines.ShouldBeGreaterThan(0);
        transcriber.Disposed.ShouldBeTrue();
        logger.Messages(LogLevel.Information).ShouldContain(m => m.Contains("stopped"));
    }

    [Fact]
    public async Task The_snapshot_reports_audio_alive_only_while_frames_keep_arriving()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var source = new StallingSource(frames: 15);
        using var services = Services(time: time, sources: new FixedSourceFactory(source));
        var session = services.GetRequiredService<ICaptionSessionState>();

        await StartAsync(services);
        var live = await WaitForAsync(session, s => s.State == SessionStates.Live && source.Stalled);

        live.AudioAlive.ShouldBeTrue();
        live.StartedAt.ShouldBe(time.GetUtcNow());
        live.Source.ShouldBe("stalling");
        time.Advance(TimeSpan.FromSeconds(3));
        session.Current.AudioAlive.ShouldBeFalse("no frame for 3 s");
        session.Current.State.ShouldBe(SessionStates.Live);

        await StopAsync(services);
        session.Current.AudioAlive.ShouldBeFalse();
    }

    [Fact]
    public void Registration_shares_one_session_between_the_state_and_the_hosted_service()
    {
        using var services = Services();

        var state = services.GetRequiredService<ICaptionSessionState>();

        services.GetServices<IHostedService>().ShouldContain(hosted => ReferenceEquals(hosted, state));
        services.GetRequiredService<ICaptionSessionState>().ShouldBeSameAs(state);
    }

    [Fact]
    public void Streaming_defaults_are_valid_and_as_documented()
    {
        var options = new StreamingOptions();

        new StreamingOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.StepMs.ShouldBe(1000);
        options.MaxWindowSeconds.ShouldBe(30);
        options.MinWindowMs.ShouldBe(1000);
        options.MinSilenceMs.ShouldBe(500);
        options.MaxTokensPerSecond.ShouldBe(8);
        options.AudioQueueCapacity.ShouldBe(100);
        options.AutoStart.ShouldBeTrue();
        options.TranscriptDirectory.ShouldBe("/data/transcripts");
    }

    [Fact]
    public void Every_invalid_streaming_setting_is_reported_at_once()
    {
        using var services = Services(extra: new Dictionary<string, string?>
        {
            ["Streaming:MaxWindowSeconds"] = "31",
            ["Streaming:StepMs"] = "50",
            ["Streaming:MinWindowMs"] = "-1",
            ["Streaming:MinSilenceMs"] = "20",
            ["Streaming:MaxTokensPerSecond"] = "0",
            ["Streaming:AudioQueueCapacity"] = "0",
            ["Streaming:TranscriptDirectory"] = "relative/dir",
        });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<StreamingOptions>>().Value);

        error.Failures.Count().ShouldBe(7);
        error.Message.ShouldContain("Streaming:MaxWindowSeconds must be between 1 and 30; it is 31");
        error.Message.ShouldContain("Streaming:TranscriptDirectory must be an absolute path");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string WavPath => Path.Combine(directory, "speech.wav");

    private ServiceProvider Services(
        FakeModelProvider? models = null,
        FakeWhisperRuntime? runtime = null,
        bool autoStart = true,
        bool loop = false,
        string? audioPath = null,
        TimeProvider? time = null,
        IAudioSourceFactory? sources = null,
        Dictionary<string, string?>? extra = null)
    {
        if (!File.Exists(WavPath))
        {
            // 32-bit float at 16 kHz reaches the pipeline sample for sample, so the fake whisper can place it.
            File.WriteAllBytes(WavPath, WavBuilder.Create(speech.Audio, 16_000, 1, WavSampleEncoding.IeeeFloat, 32));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Audio:Path"] = audioPath ?? WavPath,
            ["Audio:Pacing"] = "AsFastAsPossible",
            ["Audio:Loop"] = loop.ToString(),
            ["Streaming:AutoStart"] = autoStart.ToString(),
            ["Streaming:TranscriptDirectory"] = Path.Combine(directory, "transcripts"),
            ["Vocabulary:Path"] = Path.Combine(directory, "vocabulary.json"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(logger));
        services.AddSingleton(typeof(ILogger<>), typeof(ListLogger<>));
        services.AddSingleton(logger);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton<IModelProvider>(models ?? new FakeModelProvider(() => Model));
        services.AddSingleton<IWhisperRuntime>(runtime ?? new FakeWhisperRuntime(_ => new ScriptedTranscriber(speech)));
        services.AddSingleton<ICaptionPublisher>(publisher);
        if (sources is not null)
        {
            services.AddSingleton(sources);
        }

        services.AddWhisper(configuration);
        services.AddAudioInput(configuration);
        services.AddVoiceActivity(configuration);
        services.AddCaptionGuards(configuration);
        services.AddSiteVocabulary(configuration);
        services.AddSingleton<IVoiceActivityDetectorFactory>(new FixedVoiceActivityFactory(() => new LoudnessVoiceActivity()));
        services.AddCaptionStreaming(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(Token);
        }
    }

    private static async Task StopAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(Token);
        }
    }

    private static async Task<SessionSnapshot> WaitForAsync(ICaptionSessionState session, Func<SessionSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var snapshot = session.Current;
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

    private sealed class FakeModelProvider(Func<ResolvedModel> resolve) : IModelProvider
    {
        public int Calls { get; private set; }

        public ResolvedModel? Current { get; private set; }

        public ModelDownloadProgress? Download => null;

        public Task<ResolvedModel> ResolveAsync(CancellationToken cancellationToken)
        {
            Calls++;
            Current = resolve();
            return Task.FromResult(Current);
        }
    }

    private sealed class FakeWhisperRuntime(Func<string, ITranscriber> load) : IWhisperRuntime
    {
        public List<string> LoadedPaths { get; } = [];

        public WhisperRuntimeInfo Info => new("fake", "1.8.5", "Cpu", "/fake/libwhisper.so", "CPU", "fake");

        public ITranscriber Load(string modelPath)
        {
            LoadedPaths.Add(modelPath);
            return load(modelPath);
        }
    }

    private sealed class FixedSourceFactory(IAudioSource source) : IAudioSourceFactory
    {
        public IAudioSource Create() => source;
    }

    /// <summary>A live input that delivers some frames and then goes quiet (a cable pulled) without ending.</summary>
    private sealed class StallingSource(int frames) : IAudioSource
    {
        public string Description => "stalling";

        public bool IsLive => true;

        public AudioInputStatus Status => new("stalling", "stalling", Stalled ? AudioInputStates.NoAudio : AudioInputStates.Receiving, Stalled ? "stalled" : null, null, null, 0, 0, 0, 0);

        public bool Stalled { get; private set; }

        public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
        {
            for (var i = 0; i < frames; i++)
            {
                await sink.WriteAsync(new AudioFrame(new float[1_600], i * 1_600L), cancellationToken);
            }

            Stalled = true;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class SingleLoggerFactory(ListLogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
