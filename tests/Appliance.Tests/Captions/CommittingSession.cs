using LiveStt.Appliance.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// A caption session's output as the host's own pipeline factory makes it (guards, vocabulary, the transcript writer
/// on the host's data volume, the broadcaster), fed words at test speed instead of whisper's: each line is preceded by
/// a tentative event, as live captions are, so committed seqs have gaps. Keeps what it committed, to compare.
/// </summary>
internal sealed class CommittingSession : IDisposable
{
    private readonly CaptionOutput output;
    private long seq;
    private long clockMs;

    private CommittingSession(string sessionId, CaptionOutput output)
    {
        SessionId = sessionId;
        this.output = output;
    }

    public string SessionId { get; }

    /// <summary>Every committed line so far, in order.</summary>
    public List<(long Seq, string Text)> Committed { get; } = [];

    public string? TranscriptPath => output.TranscriptPath;

    public static CommittingSession Open(ApplianceTestHost host, string sessionId)
    {
        var factory = host.Services.GetRequiredService<CaptionPipelineFactory>();
        var output = factory.CreateOutput(sessionId, DateTimeOffset.UtcNow, isDemo: true, language: "en", new PipelineMetrics());
        return new CommittingSession(sessionId, output);
    }

    /// <summary>Commits <paramref name="count"/> lines, each after a tentative event of its own.</summary>
    public async Task CommitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = Committed.Count + 1;
            var start = clockMs;
            clockMs += 1500;
            await output.ShowTentativeAsync([new TimedWord($"partly{n}", start, start + 400)], start, TestContext.Current.CancellationToken);
            seq++;
            var text = $"Line {n} of {SessionId}: and the word went out to every town";
            var words = text.Split(' ').Select((word, w) => new TimedWord(word, start + (w * 100), start + (w * 100) + 90)).ToList();
            await output.CommitAsync(words, TestContext.Current.CancellationToken);
            Committed.Add((++seq, text));
        }
    }

    public Task EndAsync() => output.EndAsync("stopped");

    public void Dispose() => output.Dispose();
}
