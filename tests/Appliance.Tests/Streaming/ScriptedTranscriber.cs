using System.Collections.Concurrent;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// A fake whisper that "hears" <see cref="ScriptedSpeech"/>: each decode returns the script's words that
/// lie wholly inside the window, with token times relative to the window. A distortion can make
/// consecutive decodes disagree, and a hook can make decoding slow or fail.
/// </summary>
internal sealed class ScriptedTranscriber(ScriptedSpeech speech) : ITranscriber
{
    private int calls;

    /// <summary>Per decode: the window's session start and length (ms) and the request.</summary>
    public ConcurrentQueue<(long StartMs, long LengthMs, int Samples, TranscriptionRequest Request)> Decodes { get; } = new();

    /// <summary>Changes what a decode returns: (decode number from 0, words heard) to words returned.</summary>
    public Func<int, IReadOnlyList<TimedWord>, IReadOnlyList<TimedWord>>? Distort { get; init; }

    /// <summary>Words "heard" on top of the script's, on the session clock; kept where they lie wholly inside the window.</summary>
    public IReadOnlyList<TimedWord> Invented { get; init; } = [];

    /// <summary>Runs before each decode, on the decoding thread: to be slow, to block, or to throw.</summary>
    public Action<CancellationToken>? BeforeDecode { get; init; }

    public bool Disposed { get; private set; }

    public Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => Transcribe(samples.Span, request, cancellationToken), CancellationToken.None);

    private TranscriptionResult Transcribe(ReadOnlySpan<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        BeforeDecode?.Invoke(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var startMs = speech.Locate(samples) / 16;
        var lengthMs = samples.Length / 16L;
        Decodes.Enqueue((startMs, lengthMs, samples.Length, request));

        IReadOnlyList<TimedWord> heard = speech.Words.Concat(Invented)
            .Where(w => w.StartMs >= startMs && w.EndMs <= startMs + lengthMs)
            .OrderBy(w => w.StartMs)
            .ToList();
        if (Distort is not null)
        {
            heard = Distort(Interlocked.Increment(ref calls) - 1, heard);
        }

        if (heard.Count == 0)
        {
            return TranscriptionResult.Empty;
        }

        var tokens = heard
            .Select((w, i) => new TranscribedToken(1000 + i, " " + w.Text, 0.9f, TimeSpan.FromMilliseconds(w.StartMs - startMs), TimeSpan.FromMilliseconds(w.EndMs - startMs), IsSpecial: false))
            .Prepend(new TranscribedToken(50364, "[_BEG_]", 1f, TimeSpan.Zero, TimeSpan.Zero, IsSpecial: true))
            .ToList();
        var text = string.Concat(heard.Select(w => " " + w.Text));
        return new TranscriptionResult([new TranscribedSegment(text, tokens[1].Start, tokens[^1].End, tokens)]);
    }

    public void Dispose() => Disposed = true;

    /// <summary>A random-weight model's habit: every decode says something different.</summary>
    public static IReadOnlyList<TimedWord> NeverAgrees(int decode, IReadOnlyList<TimedWord> heard) =>
        heard.Select((w, i) => w with { Text = $"{w.Text}-{decode}" }).ToList();
}
