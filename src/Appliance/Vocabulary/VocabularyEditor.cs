using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// Reads and writes the vocabulary file for the kiosk. A new vocabulary is checked exactly as the running appliance
/// reads the file, and is written only when nothing in it is wrong; then it applies at once, without a restart.
/// </summary>
internal sealed partial class VocabularyEditor(IOptions<VocabularyOptions> options, SiteVocabularyStore store, TimeProvider time, ILogger<VocabularyEditor> logger)
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // People read and edit this file: "Jesus' name", not "Jesus\u0027 name".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly string path = options.Value.Path?.Trim() ?? "";

    /// <summary>Whether the vocabulary is turned on (a file path is set).</summary>
    public bool Enabled => path.Length > 0;

    public VocabularyView Read()
    {
        var document = new VocabularyDocument([], []);
        if (path.Length > 0 && File.Exists(path))
        {
            try
            {
                var read = JsonSerializer.Deserialize<VocabularyDocument>(File.ReadAllBytes(path), FileJson);
                document = new VocabularyDocument(read?.Glossary ?? [], read?.Replacements ?? []);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // The status below says what is wrong with the file; the kiosk starts from empty lists.
            }
        }

        return new VocabularyView(document, store.Status);
    }

    /// <summary>
    /// Checks <paramref name="document"/> and, when nothing in it is wrong, writes it and loads it. Returns the problems
    /// by position (<c>glossary[2]</c>, <c>replacements[0]</c>) and writes nothing when there are any.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written (the data volume is full or read-only).</exception>
    public (VocabularyView? View, IReadOnlyDictionary<string, string[]> Errors) Save(VocabularyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var normalized = new VocabularyDocument(document.Glossary ?? [], document.Replacements ?? []);
        var json = JsonSerializer.SerializeToUtf8Bytes(normalized, FileJson);
        var (_, problems) = VocabularyCompiler.Compile(System.Text.Encoding.UTF8.GetString(json), options.Value, time.GetUtcNow());
        if (problems.Count > 0)
        {
            return (null, ByPosition(problems));
        }

        AtomicFile.Write(path, json);
        store.Reload();
        Log.Saved(logger, path, normalized.Glossary!.Count, normalized.Replacements!.Count);
        return (Read(), new Dictionary<string, string[]>());
    }

    /// <summary>"replacements[2]: the pattern ... Rule refused." becomes replacements[2] → "the pattern ... Rule refused.".</summary>
    private static Dictionary<string, string[]> ByPosition(IReadOnlyList<string> problems) =>
        problems
            .Select(problem =>
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                return colon > 0 ? (Key: problem[..colon], Message: problem[(colon + 2)..]) : (Key: "", Message: problem);
            })
            .GroupBy(problem => problem.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).ToArray(), StringComparer.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1669, Level = LogLevel.Information, Message = "Vocabulary {Path} saved from the kiosk: {GlossaryEntries} glossary entries, {Rules} replacement rules")]
        public static partial void Saved(ILogger logger, string path, int glossaryEntries, int rules);
    }
}
