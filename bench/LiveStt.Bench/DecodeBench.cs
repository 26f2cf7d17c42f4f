using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveStt.Appliance.Interop;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveStt.Bench;

/// <summary>
/// Loads a model and decodes the same window of real speech repeatedly, as the caption pipeline does (token cap
/// of 8 a second, one segment, no temperature fallback), and prints one JSON line: load time, decode times, the
/// real-time factor (decode time over window length), tokens decoded, resident memory, and the runtime, backend and GPU
/// whisper ran on. <c>--max-tokens 0</c> lifts the cap and leaves whisper its own segmentation, as whisper.cpp's own
/// tools decode; <c>--library-path /app</c> searches that folder's runtimes first (an image's own, such as CUDA).
/// </summary>
internal static class DecodeBench
{
    private const double TokensPerSecond = 8;

    public static async Task<int> RunAsync(BenchArguments args)
    {
        // As the appliance's process does, unless the allocator's own behaviour is what is measured.
        if (!args.Flag("dynamic-mmap-threshold"))
        {
            NativeHeap.FixMmapThreshold();
        }

        var model = Path.GetFullPath(args.Text("model"));
        var windowSeconds = args.Real("window", 10);
        var runs = args.Number("runs", 10);
        var audioContext = args.Number("audio-ctx", 0);
        var maxTokens = args.Number("max-tokens", (int)Math.Ceiling(TokensPerSecond * windowSeconds));
        var fallback = args.Flag("fallback");
        var options = Options.Create(new WhisperOptions
        {
            Threads = args.Number("threads", Math.Min(4, Environment.ProcessorCount)),
            TemperatureIncrement = fallback ? 0.2f : 0f,
            // An image's own runtimes (the CUDA image's runtimes/cuda12) rather than only the benchmark's, which has the CPU one.
            LibraryPath = args.Text("library-path", "") is { Length: > 0 } libraryPath ? libraryPath : null,
        });

        var runtime = new WhisperRuntime(options, NullLoggerFactory.Instance, TimeProvider.System);

        var samples = SpeechAudio.Continuous(TimeSpan.FromSeconds(windowSeconds));
        var info = runtime.Info;
        var residentBefore = ProcessMemory.ResidentMiB();
        var load = Stopwatch.StartNew();
        using var transcriber = runtime.Load(model);
        load.Stop();
        // After the load: whisper says which backend it initialised when it loads a model.
        var loaded = runtime.Info;
        var residentLoaded = ProcessMemory.ResidentMiB();

        var request = new TranscriptionRequest(MaxTokens: maxTokens, TemperatureFallback: fallback, AudioContext: audioContext);
        await transcriber.TranscribeAsync(samples, request, CancellationToken.None);
        var times = new List<double>(runs);
        var tokens = new List<int>(runs);
        var segments = new List<int>(runs);
        for (var i = 0; i < runs; i++)
        {
            var decode = Stopwatch.StartNew();
            var decoded = await transcriber.TranscribeAsync(samples, request, CancellationToken.None);
            times.Add(decode.Elapsed.TotalMilliseconds);
            tokens.Add(decoded.Segments.Sum(segment => segment.Tokens.Count));
            segments.Add(decoded.Segments.Count);
        }

        var timesInOrder = times.ToArray();
        times.Sort();
        tokens.Sort();
        segments.Sort();
        var result = new
        {
            binding = info.Binding,
            library = $"{info.Runtime} {info.Version}",
            runtime = loaded.Runtime,
            backend = loaded.Backend,
            device = loaded.Device,
            gpuFallback = loaded.Fallback,
            systemInfo = info.SystemInfo,
            model = Path.GetFileName(model),
            threads = options.Value.Threads,
            windowSeconds,
            audioContext,
            maxTokens,
            fallback,
            fixedMmapThreshold = !args.Flag("dynamic-mmap-threshold"),
            runs,
            loadMs = Math.Round(load.Elapsed.TotalMilliseconds),
            decodeMsP50 = Math.Round(times[times.Count / 2]),
            decodeMsMean = Math.Round(times.Average()),
            decodeMsMin = Math.Round(times[0]),
            decodeMsMax = Math.Round(times[^1]),
            decodeMs = timesInOrder.Select(ms => Math.Round(ms)).ToArray(),
            realTimeFactorP50 = Math.Round(times[times.Count / 2] / 1000 / windowSeconds, 3),
            tokensP50 = tokens[tokens.Count / 2],
            segmentsP50 = segments[segments.Count / 2],
            residentBeforeLoadMiB = Math.Round(residentBefore),
            residentLoadedMiB = Math.Round(residentLoaded),
            residentAfterDecodesMiB = Math.Round(ProcessMemory.ResidentMiB()),
            peakResidentMiB = Math.Round(ProcessMemory.PeakResidentMiB()),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
