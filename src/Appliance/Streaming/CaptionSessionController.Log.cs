namespace LiveStt.Appliance.Streaming;

/// <summary>The session controller's log messages (event ids 1620-1639, the streaming range).</summary>
internal sealed partial class CaptionSessionController
{
    private static partial class Log
    {
        [LoggerMessage(1620, LogLevel.Information, "Caption session not started: Streaming:AutoStart is off; captions start when a volunteer taps Start")]
        public static partial void NotStarted(ILogger logger);

        [LoggerMessage(1621, LogLevel.Information, "Caption session {SessionId} starting")]
        public static partial void Starting(ILogger logger, string sessionId);

        [LoggerMessage(1622, LogLevel.Information, "Caption session {SessionId} live: model {Model} (demo {IsDemo}), audio {Source}, language {Language}, transcript {TranscriptPath}")]
        public static partial void Live(ILogger logger, string sessionId, string model, bool isDemo, string source, string language, string? transcriptPath);

        [LoggerMessage(1623, LogLevel.Information, "Caption session {SessionId} ended with its audio: {CommittedLines} lines committed, {DroppedAudioMs} ms of audio dropped")]
        public static partial void Ended(ILogger logger, string sessionId, long committedLines, long droppedAudioMs);

        [LoggerMessage(1624, LogLevel.Information, "Caption session {SessionId} stopped: {CommittedLines} lines committed, {DroppedAudioMs} ms of audio dropped")]
        public static partial void Stopped(ILogger logger, string sessionId, long committedLines, long droppedAudioMs);

        [LoggerMessage(1625, LogLevel.Error, "Caption session {SessionId} faulted: {Reason}")]
        public static partial void Faulted(ILogger logger, Exception exception, string sessionId, string reason);

        [LoggerMessage(1627, LogLevel.Information, "Caption session {SessionId} paused after {CommittedLines} lines: the input is closed and nothing is decoded, stored or sent")]
        public static partial void Paused(ILogger logger, string sessionId, long committedLines);

        [LoggerMessage(1628, LogLevel.Information, "Caption session {SessionId} resumed")]
        public static partial void Resumed(ILogger logger, string sessionId);

        [LoggerMessage(1629, LogLevel.Error, "The speech model could not be made ready: {Reason}")]
        public static partial void ModelUnavailable(ILogger logger, Exception exception, string reason);

        [LoggerMessage(1631, LogLevel.Warning, "Telling viewers the session is {State} failed")]
        public static partial void AnnounceFailed(ILogger logger, Exception exception, string state);

        [LoggerMessage(1632, LogLevel.Information, "Caption session {SessionId} goes on after a restart: {Reason}; {Lines} lines before it, seq goes on after {LastSeq}")]
        public static partial void Resuming(ILogger logger, string sessionId, string reason, int lines, long lastSeq);

        [LoggerMessage(1633, LogLevel.Information, "No caption session to go on with: {Reason}")]
        public static partial void NotResuming(ILogger logger, string reason);

        [LoggerMessage(1634, LogLevel.Information, "Caption session {SessionId} is back paused, as it was when the appliance was cut off; transcript {TranscriptPath}")]
        public static partial void ContinuedPaused(ILogger logger, string sessionId, string? transcriptPath);

        [LoggerMessage(1635, LogLevel.Warning, "Refilling the viewers' backlog of session {SessionId} failed")]
        public static partial void RestoreFailed(ILogger logger, Exception exception, string sessionId);

        [LoggerMessage(1636, LogLevel.Error, "Caption session {SessionId} ended before it went on, and its end could not be written to {Path}")]
        public static partial void EndUnwritten(ILogger logger, Exception exception, string sessionId, string path);
    }
}
