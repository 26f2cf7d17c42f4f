using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// Holds the compiled vocabulary and reads the file again when it changes. It polls the file's last-write
/// time and length rather than using a FileSystemWatcher: the file lives on a Docker volume, where change
/// notifications are not reliable (bind mounts from another OS, overlay file systems), and editors save by
/// writing a new file and renaming it over the old one, which a watcher on the file itself misses.
/// </summary>
internal sealed partial class SiteVocabularyStore(
    IOptions<VocabularyOptions> options,
    TimeProvider time,
    ILogger<SiteVocabularyStore> logger) : BackgroundService, ISiteVocabulary
{
    /// <summary>A vocabulary file is a few kilobytes; anything this big is a mistake, not a glossary.</summary>
    internal const long MaxFileBytes = 1024 * 1024;

    private readonly Lock loadGate = new();
    private readonly string path = options.Value.Path?.Trim() ?? string.Empty;
    private CompiledVocabulary? current;
    private FileStamp? stamp;
    private FileStamp? unreadableStamp;
    private long ruleTimeouts;

    public string GlossaryPrompt => Current.GlossaryPrompt;

    public VocabularyStatus Status
    {
        get
        {
            var vocabulary = Current;
            return new VocabularyStatus(
                path,
                vocabulary.LoadedAt is not null,
                vocabulary.LoadedAt,
                vocabulary.Glossary.Count,
                vocabulary.GlossaryTokens,
                vocabulary.Rules.Count,
                vocabulary.Problems,
                Interlocked.Read(ref ruleTimeouts));
        }
    }

    /// <summary>The vocabulary in use; the file is read on first use if the polling has not started yet.</summary>
    private CompiledVocabulary Current => Volatile.Read(ref current) ?? LoadFirst();

    public string Apply(string committedText)
    {
        if (string.IsNullOrEmpty(committedText))
        {
            return committedText ?? string.Empty;
        }

        var text = committedText;
        foreach (var rule in Current.Rules)
        {
            try
            {
                text = rule.Apply(text);
            }
            catch (RegexMatchTimeoutException)
            {
                Interlocked.Increment(ref ruleTimeouts);
                Log.RuleTimedOut(logger, rule.Position, options.Value.RuleTimeoutMs, text.Length);
            }
        }

        return text;
    }

    /// <summary>
    /// Reads the file again if its last-write time or length changed since the last reading (or it appeared
    /// or went away). Returns whether it was read.
    /// </summary>
    internal bool CheckForChanges()
    {
        lock (loadGate)
        {
            if (path.Length == 0)
            {
                Volatile.Write(ref current, CompiledVocabulary.Empty);
                return false;
            }

            var now = FileStamp.Of(path);
            if (current is not null && now == stamp)
            {
                return false;
            }

            Load(now);
            return true;
        }
    }

    /// <summary>Reads the file now, whatever its stamp says: the kiosk has just written it.</summary>
    internal void Reload()
    {
        lock (loadGate)
        {
            if (path.Length > 0)
            {
                Load(FileStamp.Of(path));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CheckForChanges();
        if (path.Length == 0)
        {
            Log.TurnedOff(logger);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ReloadIntervalMs), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            CheckForChanges();
        }
    }

    private CompiledVocabulary LoadFirst()
    {
        CheckForChanges();
        return Volatile.Read(ref current)!;
    }

    private void Load(FileStamp now)
    {
        if (!now.Exists)
        {
            if (current?.LoadedAt is not null)
            {
                Log.Removed(logger, path);
            }
            else if (current is null)
            {
                Log.NoFile(logger, path);
            }

            Swap(CompiledVocabulary.Empty, now);
            return;
        }

        if (now.Length > MaxFileBytes)
        {
            Refuse([$"the file is {now.Length} bytes, more than the {MaxFileBytes} a vocabulary may have; nothing in it was used."], now);
            return;
        }

        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The stamp is not kept, so the next poll tries again (a permission put right does not change the
            // last-write time); the log says so once per version of the file rather than at every poll.
            if (unreadableStamp != now)
            {
                Log.Unreadable(logger, path, ex);
                unreadableStamp = now;
            }

            Volatile.Write(ref current, (current ?? CompiledVocabulary.Empty).WithProblems([$"the file could not be read: {ex.Message}"]));
            return;
        }

        var (vocabulary, problems) = VocabularyCompiler.Compile(json, options.Value, time.GetUtcNow());
        if (vocabulary is null)
        {
            Refuse(problems, now);
            return;
        }

        foreach (var rule in vocabulary.Rules)
        {
            Log.RuleLoaded(logger, rule.Position, rule.Description);
        }

        foreach (var problem in problems)
        {
            Log.Problem(logger, path, problem);
        }

        Log.Loaded(logger, path, vocabulary.Glossary.Count, vocabulary.GlossaryTokens, vocabulary.Rules.Count, problems.Count);
        Swap(vocabulary, now);
    }

    /// <summary>
    /// Keeps the vocabulary in use when the file cannot be used at all: a half-saved or mistyped file should
    /// not take the site's corrections away in the middle of a service.
    /// </summary>
    private void Refuse(IReadOnlyList<string> problems, FileStamp now)
    {
        foreach (var problem in problems)
        {
            Log.Problem(logger, path, problem);
        }

        var previous = current ?? CompiledVocabulary.Empty;
        if (previous.LoadedAt is { } loadedAt)
        {
            Log.KeptPrevious(logger, path, loadedAt);
        }

        Volatile.Write(ref current, previous.WithProblems(problems));
        stamp = now;
    }

    private void Swap(CompiledVocabulary vocabulary, FileStamp now)
    {
        Interlocked.Exchange(ref ruleTimeouts, 0);
        Volatile.Write(ref current, vocabulary);
        stamp = now;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1660, Level = LogLevel.Information,
            Message = "Vocabulary {Path} loaded: {GlossaryEntries} glossary entries (~{GlossaryTokens} prompt tokens), {Rules} replacement rules, {Problems} problems")]
        public static partial void Loaded(ILogger logger, string path, int glossaryEntries, int glossaryTokens, int rules, int problems);

        [LoggerMessage(EventId = 1661, Level = LogLevel.Information, Message = "Vocabulary rule {Position} loaded: {Rule}")]
        public static partial void RuleLoaded(ILogger logger, string position, string rule);

        [LoggerMessage(EventId = 1662, Level = LogLevel.Warning, Message = "Vocabulary {Path}: {Problem}")]
        public static partial void Problem(ILogger logger, string path, string problem);

        [LoggerMessage(EventId = 1663, Level = LogLevel.Warning, Message = "Vocabulary {Path} is unusable; the vocabulary read at {LoadedAt:O} stays in use")]
        public static partial void KeptPrevious(ILogger logger, string path, DateTimeOffset loadedAt);

        [LoggerMessage(EventId = 1664, Level = LogLevel.Warning, Message = "Vocabulary {Path} could not be read; trying again at the next check")]
        public static partial void Unreadable(ILogger logger, string path, Exception exception);

        [LoggerMessage(EventId = 1665, Level = LogLevel.Warning,
            Message = "Vocabulary rule {Position} took longer than {TimeoutMs} ms on a line of {Length} characters and was skipped for that line")]
        public static partial void RuleTimedOut(ILogger logger, string position, int timeoutMs, int length);

        [LoggerMessage(EventId = 1666, Level = LogLevel.Information, Message = "No vocabulary file at {Path}; no glossary or replacements until one is written there")]
        public static partial void NoFile(ILogger logger, string path);

        [LoggerMessage(EventId = 1667, Level = LogLevel.Information, Message = "Vocabulary {Path} was removed; no glossary or replacements")]
        public static partial void Removed(ILogger logger, string path);

        [LoggerMessage(EventId = 1668, Level = LogLevel.Information, Message = "Vocabulary:Path is empty; the site vocabulary is turned off")]
        public static partial void TurnedOff(ILogger logger);
    }
}
