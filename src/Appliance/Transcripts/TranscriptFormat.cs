using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// A session's transcript on disk: <c>yyyyMMdd-HHmmss-&lt;sessionId&gt;.jsonl</c>, one JSON object a line, each with a
/// <c>type</c>:
/// <code>
/// {"type":"session","sessionId":"1a2b3c4d","startedAt":"2026-12-06T09:58:01.123Z"}
/// {"type":"line","seq":12,"startMs":1520,"endMs":4310,"committedAt":"2026-12-06T09:58:07.456Z","text":"..."}
/// {"type":"paused","at":"...","sessionMs":123456}
/// {"type":"resumed","at":"...","sessionMs":234567}
/// {"type":"restarted","at":"...","sessionMs":345678}
/// {"type":"gap","at":"...","lines":3,"records":4}
/// {"type":"ended","at":"...","reason":"stopped"}
/// </code>
/// Times in ms (<c>startMs</c>, <c>endMs</c>, <c>sessionMs</c>) count from the session's start, pauses included, so
/// they line up with a recording of the whole service. A session killed mid-way has no <c>ended</c> line, and its last
/// line may be cut short; readers skip a line they cannot parse. <c>restarted</c> says the appliance was cut off (a
/// crash, a kill, a power cut, a restart) and came back to go on with the session; records before it may end with an
/// <c>ended</c> line of reason <c>shutdown</c>, which no longer counts. <c>gap</c> says how many lines could not be
/// kept there (the disk was full for longer than the appliance could hold them). Transcripts of earlier versions are
/// <c>yyyyMMdd-HHmmss-&lt;sessionId&gt;.txt</c> with lines <c>2025-06-01T12:00:03Z [00:01:02.300-00:01:05.000] text</c>.
/// </summary>
internal static partial class TranscriptFormat
{
    public const string Extension = ".jsonl";

    public const string LegacyExtension = ".txt";

    public const string SessionRecord = "session";
    public const string LineRecord = "line";
    public const string PausedRecord = "paused";
    public const string ResumedRecord = "resumed";
    public const string EndedRecord = "ended";
    public const string RestartedRecord = "restarted";
    public const string GapRecord = "gap";

    /// <summary>Why a session ended, in its <c>ended</c> line.</summary>
    public const string EndStopped = "stopped";
    public const string EndAudioEnded = "audio-ended";
    public const string EndFaulted = "faulted";
    public const string EndShutdown = "shutdown";

    /// <summary>The file name for a session started at <paramref name="startedAt"/>.</summary>
    public static string FileName(string sessionId, DateTimeOffset startedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcDateTime:yyyyMMdd-HHmmss}-{sessionId}{Extension}");

    /// <summary>
    /// Whether <paramref name="sessionId"/> is shaped like a session id (8 lower-case hex digits): the only ids a
    /// request may name, so that one can never be a path.
    /// </summary>
    public static bool IsSessionId(string? sessionId) => sessionId is not null && SessionId().IsMatch(sessionId);

    [GeneratedRegex("^[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionId();
}
