using LiveStt.Appliance.Interop.Alsa;
using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Captures from an ALSA PCM on a thread of its own, in the device's own format (<see cref="AlsaCaptureDevice"/>),
/// in blocks of about 20 ms. Overruns are recovered and counted; any other error, or the device going away, ends
/// the recording with an <see cref="AudioSourceException"/> that says why.
/// </summary>
internal sealed partial class AlsaWaveIn : ILiveCapture
{
    /// <summary>How often the capture thread looks up from waiting to see whether it should stop.</summary>
    private const int WaitSliceMs = 100;

    private const int BlockMs = 20;

    private readonly string deviceName;
    private readonly Func<string, IAlsaCaptureDevice> open;
    private readonly ILogger logger;
    private IAlsaCaptureDevice? device;
    private Thread? thread;
    private volatile bool stopping;
    private long overruns;

    public AlsaWaveIn(string deviceName, ILogger logger, Func<string, IAlsaCaptureDevice>? open = null)
    {
        this.deviceName = deviceName;
        this.logger = logger;
        this.open = open ?? AlsaCaptureDevice.Open;
    }

    public event EventHandler<WaveInEventArgs>? DataAvailable;

    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    /// <summary>The device's format, known once recording has started; the device decides it, so it cannot be set.</summary>
    public WaveFormat WaveFormat
    {
        get => device?.Format ?? throw new InvalidOperationException("The format is known once recording has started.");
        set => throw new NotSupportedException("The capture uses the device's own format.");
    }

    public long Overruns => Interlocked.Read(ref overruns);

    public void StartRecording()
    {
        if (thread is not null)
        {
            throw new InvalidOperationException("Recording has already started; make a new capture to start again.");
        }

        try
        {
            device = open(deviceName);
        }
        catch (AlsaException ex)
        {
            throw new AudioSourceException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new AudioSourceException("ALSA's library (libasound.so.2) is not installed on this box.", ex);
        }

        Log.Opened(logger, deviceName, device.Format.ToString());
        thread = new Thread(Capture) { IsBackground = true, Name = "ALSA capture" };
        thread.Start(device);
    }

    public void StopRecording()
    {
        stopping = true;
        if (thread is not null && Thread.CurrentThread != thread)
        {
            thread.Join();
        }
    }

    public void Dispose()
    {
        StopRecording();
        device?.Dispose();
    }

    private void Capture(object? state)
    {
        var pcm = (IAlsaCaptureDevice)state!;
        var frameBytes = pcm.Format.BlockAlign;
        var blockFrames = Math.Max(1, pcm.Format.SampleRate * BlockMs / 1000);
        var buffer = new byte[blockFrames * frameBytes];
        Exception? failure = null;
        try
        {
            while (!stopping)
            {
                var ready = pcm.Wait(WaitSliceMs);
                var read = ready < 0 ? ready : ready == 0 ? 0 : pcm.Read(buffer, blockFrames);
                if (read > 0)
                {
                    DataAvailable?.Invoke(this, new WaveInEventArgs(buffer, read * frameBytes));
                }
                else if (read is LibAsound.ErrorBrokenPipe or LibAsound.ErrorStreamPipe)
                {
                    Interlocked.Increment(ref overruns);
                    Log.Overrun(logger, deviceName, Overruns);
                    var recovered = pcm.Recover(read);
                    if (recovered < 0)
                    {
                        throw new AudioSourceException($"The ALSA device '{deviceName}' could not recover from an overrun: {LibAsound.Describe(recovered)}.");
                    }
                }
                else if (read < 0)
                {
                    throw new AudioSourceException(read == -19
                        ? $"The ALSA device '{deviceName}' went away (unplugged?)."
                        : $"Capture from the ALSA device '{deviceName}' failed: {LibAsound.Describe(read)}.");
                }
            }
        }
#pragma warning disable CA1031 // Whatever ended the capture is handed to the owner through RecordingStopped.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        RecordingStopped?.Invoke(this, new StoppedEventArgs(failure));
    }

    private static partial class Log
    {
        [LoggerMessage(1510, LogLevel.Information, "Opened the ALSA capture device {Device}: {Format}")]
        public static partial void Opened(ILogger logger, string device, string format);

        [LoggerMessage(1511, LogLevel.Warning, "The ALSA capture device {Device} overran ({Overruns} so far): audio was lost and capture goes on")]
        public static partial void Overrun(ILogger logger, string device, long overruns);
    }
}
