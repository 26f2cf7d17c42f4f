using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// The appliance's own whisper runtime, with one decode made to fail the way a failed native call does
/// (<see cref="WhisperTranscriptionException"/>): decode number <paramref name="failOn"/> (from 1) throws instead of
/// running; every other decode is the real one.
/// </summary>
internal sealed class FailingDecodes(IWhisperRuntime real, int failOn, string reason) : IWhisperRuntime
{
    private int decodes;

    public WhisperRuntimeInfo Info => real.Info;

    /// <summary>Decodes asked for so far, the failed one included.</summary>
    public int Decodes => Volatile.Read(ref decodes);

    public ITranscriber Load(string modelPath) => new Transcriber(this, real.Load(modelPath));

    private Task<TranscriptionResult> DecodeAsync(ITranscriber transcriber, ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref decodes) == failOn
            ? Task.FromException<TranscriptionResult>(new WhisperTranscriptionException(reason))
            : transcriber.TranscribeAsync(samples, request, cancellationToken);

    public bool KnowsLanguage(string code) => real.KnowsLanguage(code);

    private sealed class Transcriber(FailingDecodes owner, ITranscriber real) : ITranscriber
    {
        public Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken) =>
            owner.DecodeAsync(real, samples, request, cancellationToken);

        public void Dispose() => real.Dispose();
    }
}
