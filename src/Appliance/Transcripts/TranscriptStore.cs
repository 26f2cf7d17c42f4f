using LiveStt.Appliance.Streaming;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// The sessions' transcripts in <see cref="TranscriptOptions.Directory"/>. A session is named only by an id that
/// <see cref="TranscriptFormat.IsSessionId"/> accepts, and is found by listing the folder, never by building a path
/// from what a request sent.
/// </summary>
internal sealed class TranscriptStore(IOptions<TranscriptOptions> options, ICaptionSessionState session)
{
    private readonly string? directory = string.IsNullOrWhiteSpace(options.Value.Directory) ? null : options.Value.Directory;

    /// <summary>Whether transcripts are kept at all (an empty directory setting turns them off).</summary>
    public bool Enabled => directory is not null;

    /// <summary>Every readable transcript, newest first.</summary>
    public IReadOnlyList<TranscriptSummary> List()
    {
        var liveId = LiveSessionId();
        return Files()
            .Select(file => TranscriptReader.Read(file.FullName))
            .OfType<TranscriptDocument>()
            .Select(document => new TranscriptSummary(
                document.Id, document.StartedAt, document.EndedAt, document.DurationMs, document.Lines.Count, document.EndReason,
                document.Id == liveId))
            .OrderByDescending(summary => summary.StartedAt)
            .ToList();
    }

    /// <summary>The transcript of session <paramref name="id"/>; null when the id is malformed or no such session was kept.</summary>
    public TranscriptDocument? Find(string id) =>
        FileOf(id) is { } file ? TranscriptReader.Read(file.FullName) : null;

    /// <summary>Whether session <paramref name="id"/> is the one running now.</summary>
    public bool IsLive(string id) => id == LiveSessionId();

    /// <summary>Deletes session <paramref name="id"/>'s transcript; false when there was none.</summary>
    public bool Delete(string id)
    {
        if (FileOf(id) is not { } file)
        {
            return false;
        }

        file.Delete();
        return true;
    }

    /// <summary>The transcripts of sessions that ended (or were last written) before <paramref name="cutoff"/>.</summary>
    public IEnumerable<FileInfo> OlderThan(DateTimeOffset cutoff)
    {
        var liveId = LiveSessionId();
        return Files().Where(file => file.LastWriteTimeUtc < cutoff.UtcDateTime && IdOf(file) != liveId);
    }

    private FileInfo? FileOf(string id) => TranscriptFolder.FileOf(directory, id);

    private IEnumerable<FileInfo> Files() => TranscriptFolder.Files(directory);

    private static string IdOf(FileInfo file) => TranscriptFolder.IdOf(file);

    private string? LiveSessionId()
    {
        var current = session.Current;
        return current.State is SessionStates.Idle or SessionStates.Faulted ? null : current.SessionId;
    }
}
