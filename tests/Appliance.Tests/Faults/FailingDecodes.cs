using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// The appliance's own whisper runtime, with decode number <paramref name="failOn"/> (from 1) made to fail in the native
/// call itself: it asks whisper_full for a larger audio context than the model has, which whisper refuses with an
/// error code. Every other decode is passed through untouched.
/// </summary>
internal sealed class FailingDecodes(IWhisperRuntime real, int failOn) : IWhisperRuntime
{
    /// <summary>More encoder positions than any whisper model has (1500).</summary>
    public const int ImpossibleAudioContext = 4096;

    private int decodes;

    public WhisperRuntimeInfo Info => real.Info;

    /// <summary>Decodes asked for so far, the failed one included.</summary>
    public int Decodes => Volatile.Read(ref decodes);

    /// <summary>The samples the failed decode was given; 0 before it.</summary>
    public int FailedSamples { get; private set; }

    public ITranscriber Load(string modelPath) => new Transcriber(this, real.Load(modelPath));

    public bool KnowsLanguage(string code) => real.KnowsLanguage(code);

    private Task<TranscriptionResult> DecodeAsync(ITranscriber transcriber, ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref decodes) != failOn)
        {
            return transcriber.TranscribeAsync(samples, request, cancellationToken);
        }

        FailedSamples = samples.Length;
        return transcriber.TranscribeAsync(samples, request with { AudioContext = ImpossibleAudioContext }, cancellationToken);
    }

    private sealed class Transcriber(FailingDecodes owner, ITranscriber real) : ITranscriber
    {
        public Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken) =>
            owner.DecodeAsync(real, samples, request, cancellationToken);

        public void Dispose() => real.Dispose();
    }
}
