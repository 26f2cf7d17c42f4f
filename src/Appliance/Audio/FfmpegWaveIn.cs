using System.ComponentModel;
using System.Diagnostics;
using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Reads a network stream through an ffmpeg child process, which does the protocol, the codec and the conversion
/// to 16 kHz mono 16-bit PCM on its standard output. The last lines ffmpeg wrote to its standard error are kept:
/// they are the reason given when the stream ends. Stopping kills ffmpeg; if the appliance dies first, ffmpeg's
/// next write to the closed pipe ends it.
/// </summary>
internal sealed partial class FfmpegWaveIn : ILiveCapture
{
    /// <summary>Standard-error lines kept for the reason and the log.</summary>
    private const int KeptErrorLines = 8;

    /// <summary>100 ms of 16 kHz mono 16-bit audio per read.</summary>
    private const int ReadBytes = 3_200;

    private readonly string url;
    private readonly string ffmpeg;
    private readonly ILogger logger;
    private readonly Queue<string> errorLines = new();
    private Process? process;
    private Thread? reader;
    private volatile bool stopping;

    public FfmpegWaveIn(string url, string ffmpeg, ILogger logger)
    {
        this.url = url;
        this.ffmpeg = ffmpeg;
        this.logger = logger;
    }

    public event EventHandler<WaveInEventArgs>? DataAvailable;

    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    /// <summary>What ffmpeg writes: 16 kHz, 16-bit, mono.</summary>
    public WaveFormat WaveFormat
    {
        get => new(AudioFrame.SampleRate, 16, 1);
        set => throw new NotSupportedException("ffmpeg always delivers 16 kHz mono 16-bit audio.");
    }

    /// <summary>ffmpeg reports no overruns; a network stream that falls behind shows as a stall instead.</summary>
    public long Overruns => 0;

    /// <summary>The arguments ffmpeg is started with for <paramref name="url"/>.</summary>
    internal static IReadOnlyList<string> Arguments(string url)
    {
        List<string> arguments = ["-hide_banner", "-nostdin", "-loglevel", "warning"];
        if (StreamUrl.IsSessionDescription(url))
        {
            // An SDP file names the RTP session; ffmpeg reads local files only when told it may.
            arguments.AddRange(["-protocol_whitelist", "file,udp,rtp"]);
        }

        // ffmpeg's defaults probe up to 5 s of the input before it writes anything, and the audio then stays that
        // late; half a second is enough to find an audio stream's codec (measured in docs/benchmarks.md).
        arguments.AddRange(["-fflags", "nobuffer", "-probesize", "32768", "-analyzeduration", "500000"]);
        // -flush_packets: without it ffmpeg fills a 32 KB buffer, a whole second of this audio, before writing.
        arguments.AddRange(["-i", url, "-vn", "-sn", "-dn", "-ac", "1", "-ar", AudioFrame.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", "-f", "s16le", "-flush_packets", "1", "pipe:1"]);
        return arguments;
    }

    public void StartRecording()
    {
        if (process is not null)
        {
            throw new InvalidOperationException("Recording has already started; make a new capture to start again.");
        }

        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(url))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            process = Process.Start(start) ?? throw new AudioSourceException($"ffmpeg ({ffmpeg}) did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new AudioSourceException($"ffmpeg ({ffmpeg}) cannot be started: {ex.Message}. The stream input needs ffmpeg installed (apt-get install ffmpeg).", ex);
        }

        process.ErrorDataReceived += (_, line) => KeepErrorLine(line.Data);
        process.BeginErrorReadLine();
        Log.Started(logger, process.Id, StreamUrl.Mask(url));
        reader = new Thread(Read) { IsBackground = true, Name = "ffmpeg reader" };
        reader.Start(process);
    }

    public void StopRecording()
    {
        stopping = true;
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        if (reader is not null && Thread.CurrentThread != reader)
        {
            reader.Join();
        }
    }

    public void Dispose()
    {
        StopRecording();
        process?.Dispose();
    }

    private void Read(object? state)
    {
        var ffmpegProcess = (Process)state!;
        var output = ffmpegProcess.StandardOutput.BaseStream;
        var buffer = new byte[ReadBytes];
        Exception? failure = null;
        try
        {
            int read;
            while ((read = output.Read(buffer, 0, buffer.Length)) > 0)
            {
                DataAvailable?.Invoke(this, new WaveInEventArgs(buffer, read));
            }

            ffmpegProcess.WaitForExit(TimeSpan.FromSeconds(2));
            if (!stopping)
            {
                failure = new AudioSourceException(Ended(ffmpegProcess));
            }
        }
        catch (IOException ex) when (!stopping)
        {
            failure = new AudioSourceException($"Reading from ffmpeg failed: {ex.Message}", ex);
        }
        catch (Exception ex) when (stopping && ex is IOException or ObjectDisposedException)
        {
        }

        RecordingStopped?.Invoke(this, new StoppedEventArgs(failure));
    }

    private string Ended(Process ended)
    {
        string[] lines;
        lock (errorLines)
        {
            lines = [.. errorLines];
        }

        var code = ended.HasExited ? ended.ExitCode : -1;
        if (lines.Length > 0)
        {
            Log.Exited(logger, code, string.Join(" | ", lines));
        }

        var last = lines.LastOrDefault();
        return code == 0
            ? "The stream ended" + (last is null ? "." : $": {last}")
            : $"ffmpeg stopped reading the stream (exit code {code})" + (last is null ? "." : $": {last}");
    }

    private void KeepErrorLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        // ffmpeg names the input in its messages: the same secrets are masked as in the status.
        var masked = line.Replace(url, StreamUrl.Mask(url), StringComparison.Ordinal);
        lock (errorLines)
        {
            errorLines.Enqueue(masked);
            while (errorLines.Count > KeptErrorLines)
            {
                errorLines.Dequeue();
            }
        }

        Log.Output(logger, masked);
    }

    private static partial class Log
    {
        [LoggerMessage(1520, LogLevel.Information, "Started ffmpeg (pid {ProcessId}) reading {Url}")]
        public static partial void Started(ILogger logger, int processId, string url);

        [LoggerMessage(1521, LogLevel.Debug, "ffmpeg: {Line}")]
        public static partial void Output(ILogger logger, string line);

        [LoggerMessage(1522, LogLevel.Warning, "ffmpeg exited with code {ExitCode}; its last lines: {Lines}")]
        public static partial void Exited(ILogger logger, int exitCode, string lines);
    }
}
