using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveStt.Appliance.Audio;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveStt.Bench;

/// <summary>
/// The audio inputs on their own, without whisper: what each costs in CPU while audio arrives and while it does
/// not, and how late a network stream's audio arrives. Prints one JSON line.
/// </summary>
internal static class InputBench
{
    /// <summary>CPU of this process and its children (ffmpeg) over <c>--seconds</c>, with a sink that keeps nothing.</summary>
    /// <remarks>
    /// --source wav: the file at --path, looped in real time. --source alsa: --device (from the HOME's asoundrc), read
    /// as fast as it delivers, so the figure is CPU per second of audio. --source stream: --url, with --send FILE
    /// sending it in real time from another ffmpeg (not counted), or without, for a stream that is not there.
    /// </remarks>
    public static async Task<int> CpuAsync(BenchArguments args)
    {
        var kind = args.Text("source");
        var seconds = args.Real("seconds", 30);
        using var sender = args.Flag("send") ? Ffmpeg.Start("-re", "-stream_loop", "-1", "-i", args.Text("send"), "-c:a", "mp2", "-f", "mpegts", args.Text("url")) : null;
        var source = Source(kind, args);
        var sink = new CountingSink();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(sink, stop.Token);

        // Let the input open and settle before measuring.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var cpuBefore = ProcessTreeCpuSeconds();
        var samplesBefore = sink.Samples;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var cpu = ProcessTreeCpuSeconds() - cpuBefore;
        var audioSeconds = (sink.Samples - samplesBefore) / (double)AudioFrame.SampleRate;
        wall.Stop();
        await stop.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
        sender?.Kill();

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            source = source.Description,
            state = source.Status.State,
            wallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
            audioSeconds = Math.Round(audioSeconds, 1),
            cpuSeconds = Math.Round(cpu, 3),
            percentOfOneCore = Math.Round(100 * cpu / wall.Elapsed.TotalSeconds, 2),
            cpuPerAudioSecondPercent = audioSeconds > 0 ? Math.Round(100 * cpu / audioSeconds, 2) : (double?)null,
        }));
        return 0;
    }

    /// <summary>
    /// How late a stream's audio arrives: the source listens first, then an ffmpeg sender plays a file of 1 kHz beeps
    /// (100 ms every 2 s from 2 s on) in real time to --url. For each beep, the time its first sample reached the appliance,
    /// less the time the sender was due to play it. The same is measured for the file played by the wav source.
    /// </summary>
    public static async Task<int> LatencyAsync(BenchArguments args)
    {
        var beeps = Path.Combine(Path.GetTempPath(), $"livestt-beeps-{Environment.ProcessId}.wav");
        try
        {
            using (var make = Ffmpeg.Start("-y", "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*1000*t)*lt(mod(t\\,2)\\,0.1)*gte(t\\,1):d=31:s=16000", "-ac", "1", beeps))
            {
                await make.WaitForExitAsync();
            }

            var stream = await MeasureAsync(Source("stream", args), () => Ffmpeg.Start("-re", "-i", beeps, "-c:a", "mp2", "-f", "mpegts", args.Text("url")));
            var file = await MeasureAsync(new WavFileAudioSource(beeps, loop: false, AudioChannel.Mix, AudioPacing.RealTime, 100, TimeProvider.System, NullLogger<WavFileAudioSource>.Instance), () => null);
            Console.WriteLine(JsonSerializer.Serialize(new { stream = Summary(stream), wav = Summary(file), addedByStreamMs = Math.Round(Median(stream) - Median(file)) }));
            return 0;
        }
        finally
        {
            File.Delete(beeps);
        }
    }

    private static async Task<List<double>> MeasureAsync(IAudioSource source, Func<Process?> startSender)
    {
        var sink = new BeepSink();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var run = source.RunAsync(sink, stop.Token);
        if (source.IsLive && source.Description.StartsWith("stream", StringComparison.Ordinal))
        {
            // Listening before the sender starts, so the first sample received is the first sample sent.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var started = Stopwatch.GetTimestamp();
        using var sender = startSender();
        sink.Start(source.Description.StartsWith("wav", StringComparison.Ordinal) ? Stopwatch.GetTimestamp() : started);
        await sink.WaitForBeepsAsync(15, stop.Token);
        await stop.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
        sender?.Kill();
        return sink.Latencies;
    }

    private static object Summary(List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        return new { beeps = sorted.Count, p50Ms = Math.Round(Median(sorted)), minMs = Math.Round(sorted[0]), maxMs = Math.Round(sorted[^1]) };
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static IAudioSource Source(string kind, BenchArguments args) => kind switch
    {
        "wav" => new WavFileAudioSource(args.Text("path"), loop: true, AudioChannel.Mix, AudioPacing.RealTime, 100, TimeProvider.System, NullLogger<WavFileAudioSource>.Instance),
        "alsa" => new LiveAudioSource("alsa", args.Text("device"), () => new AlsaWaveIn(args.Text("device"), NullLogger.Instance), AudioChannel.Mix, 100, TimeSpan.FromSeconds(3), isLive: args.Flag("clocked"), TimeProvider.System, NullLogger.Instance),
        "stream" => new LiveAudioSource("stream", args.Text("url"), () => new FfmpegWaveIn(args.Text("url"), "ffmpeg", NullLogger.Instance), AudioChannel.Mix, 100, TimeSpan.FromSeconds(3), isLive: true, TimeProvider.System, NullLogger.Instance),
        _ => throw new ArgumentException($"--source must be wav, alsa or stream, not '{kind}'"),
    };


    /// <summary>utime + stime of this process and its child processes (ffmpeg), from /proc.</summary>
    private static double ProcessTreeCpuSeconds()
    {
        var ticksPerSecond = 100.0;
        var self = Environment.ProcessId;
        var children = Directory.GetDirectories($"/proc/{self}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse);
        return children.Prepend(self).Sum(pid =>
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ticksPerSecond;
            }
            catch (IOException)
            {
                return 0;
            }
        });
    }

    private sealed class CountingSink : IAudioFrameSink
    {
        private long samples;

        public long Samples => Interlocked.Read(ref samples);

        public ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref samples, frame.Samples.Length);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Finds beep onsets (silence, then a sample above 0.1) and how late each arrived against the sender's clock.</summary>
    private sealed class BeepSink : IAudioFrameSink
    {
        private long started;
        private long silentSamples;

        public List<double> Latencies { get; } = [];

        public void Start(long timestamp) => started = timestamp;

        public ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken)
        {
            var arrived = Stopwatch.GetElapsedTime(started, Stopwatch.GetTimestamp());
            var span = frame.Samples.Span;
            for (var i = 0; i < span.Length; i++)
            {
                if (Math.Abs(span[i]) > 0.1f && silentSamples > 8_000)
                {
                    // A beep starts every 2 s of the file from 2 s on: the nearest one is the one heard.
                    var onset = (frame.StartSample + i) / (double)AudioFrame.SampleRate;
                    var due = 2 * Math.Round(onset / 2);
                    var sampleArrived = arrived.TotalSeconds - ((span.Length - i) / (double)AudioFrame.SampleRate);
                    lock (Latencies)
                    {
                        Latencies.Add((sampleArrived - due) * 1000);
                    }
                }

                silentSamples = Math.Abs(span[i]) > 0.1f ? 0 : silentSamples + 1;
            }

            return ValueTask.CompletedTask;
        }

        public async Task WaitForBeepsAsync(int count, CancellationToken cancellationToken)
        {
            while (Latencies.Count < count)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
