using NAudio.Wave;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>An open ALSA capture PCM as the capture loop uses it; a seam so the loop's error handling can be tested.</summary>
internal interface IAlsaCaptureDevice : IDisposable
{
    /// <summary>The format the device delivers: interleaved 16- or 32-bit integer or 32-bit float samples.</summary>
    WaveFormat Format { get; }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for captured frames: 1 when there are some, 0 on timeout, a negative errno on error.</summary>
    int Wait(int timeoutMs);

    /// <summary>Reads up to <paramref name="frames"/> frames into <paramref name="buffer"/>: the frames read, 0 when none are ready, or a negative errno.</summary>
    int Read(Span<byte> buffer, int frames);

    /// <summary>Recovers from an overrun (-EPIPE) or a suspend (-ESTRPIPE): 0 when capture can go on, else the negative errno.</summary>
    int Recover(int error);
}
