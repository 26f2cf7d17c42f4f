using System.Diagnostics;
using System.Text.Json;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Whisper.net;

namespace LiveStt.Bench;

/// <summary>
/// CPU the voice-activity model costs per second of audio: the Silero model through the appliance's own
/// <see cref="SileroVoiceActivityDetectorFactory"/> and <see cref="SpeechGate"/> (one thread, fed 100 ms frames as
/// the pipeline feeds it), and through Whisper.net's <see cref="WhisperVadProcessor"/>, its
/// <c>DetectSpeechNoReset</c> called once per 512-sample chunk (it returns segments, not scores: only its cost is
/// compared). The LJ Speech set (LJ001-0001 to 0032 at 16 kHz, a second of desk hiss after each: 254 s, 32
/// utterances, so the gate's count of ended utterances checks it heard them), <c>--passes</c> passes each; CPU is this thread's own
/// (CLOCK_THREAD_CPUTIME_ID), the process's is printed beside it. Prints one JSON line.
/// </summary>
internal static class VadCostBench
{
    public static int Run(BenchArguments args)
    {
        var vadModel = Path.GetFullPath(args.Text("vad-model"));
        var passes = args.Number("passes", 3);
        var (audio, placed) = PlayedAudio.SpeechSet("ljspeech-lj001", gapSeconds: 1.0);
        var options = new VoiceActivityOptions { ModelPath = vadModel, Threads = 1 };
        var runtime = new WhisperRuntime(Options.Create(new WhisperOptions()), NullLoggerFactory.Instance, TimeProvider.System);
        var factory = new SileroVoiceActivityDetectorFactory(Options.Create(options), runtime, NullLogger<SileroVoiceActivityDetectorFactory>.Instance);

        var gate = new List<Pass>();
        var utterances = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            using var speech = new SpeechGate(factory.Create(), options, minSilenceMs: 500);
            var ends = new List<long>();
            gate.Add(Measure(audio.Length, () =>
            {
                speech.Reset(0);
                for (var offset = 0; offset < audio.Length; offset += 1600)
                {
                    speech.Process(audio.AsSpan(offset, Math.Min(1600, audio.Length - offset)), ends);
                }
            }));
            utterances = ends.Count;
        }

        var whisperNet = new List<Pass>();
        var segments = 0;
        using (var vadFactory = WhisperVadFactory.FromPath(vadModel))
        {
            for (var pass = 0; pass < passes; pass++)
            {
                using var processor = vadFactory.CreateBuilder().WithThreads(1).Build();
                var found = 0;
                whisperNet.Add(Measure(audio.Length, () =>
                {
                    for (var offset = 0; offset + 512 <= audio.Length; offset += 512)
                    {
                        found += processor.DetectSpeechNoReset(audio.AsSpan(offset, 512)).Count;
                    }
                }));
                segments = found;
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            audioSeconds = audio.Length / (double)AudioFrame.SampleRate,
            passes,
            speechGate = Summary(gate),
            clips = placed.Count,
            speechGateUtterances = utterances,
            whisperNetPerChunk = Summary(whisperNet),
            whisperNetSegments = segments,
        }));
        return 0;
    }

    private static Pass Measure(int samples, Action run)
    {
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var threadBefore = ThreadCpu.Now();
        var wall = Stopwatch.StartNew();
        run();
        wall.Stop();
        var thread = ThreadCpu.Now() - threadBefore;
        var process = Process.GetCurrentProcess().TotalProcessorTime - processBefore;
        var audioSeconds = samples / (double)AudioFrame.SampleRate;
        return new Pass(thread.TotalMilliseconds / audioSeconds, process.TotalMilliseconds / audioSeconds, wall.Elapsed.TotalMilliseconds / audioSeconds);
    }

    private static object Summary(List<Pass> passes)
    {
        var best = passes.MinBy(p => p.ThreadMs)!;
        var median = passes.OrderBy(p => p.ThreadMs).ElementAt(passes.Count / 2);
        return new
        {
            threadCpuMsPerAudioSecondBest = Math.Round(best.ThreadMs, 2),
            threadCpuMsPerAudioSecondMedian = Math.Round(median.ThreadMs, 2),
            processCpuMsPerAudioSecondMedian = Math.Round(median.ProcessMs, 2),
            wallMsPerAudioSecondMedian = Math.Round(median.WallMs, 2),
            percentOfOneCoreBest = Math.Round(best.ThreadMs / 10, 2),
            allThreadMs = passes.Select(p => Math.Round(p.ThreadMs, 2)),
        };
    }

    private sealed record Pass(double ThreadMs, double ProcessMs, double WallMs);
}
