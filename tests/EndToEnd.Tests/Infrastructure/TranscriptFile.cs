using System.Text.Json;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A session's transcript on the data volume: one JSON object a line.</summary>
public static class TranscriptFile
{
    /// <summary>The seq and text of each committed line, in order; a record cut short (a kill, or one being written) is skipped.</summary>
    public static async Task<IReadOnlyList<(long Seq, string Text)>> ReadCommittedAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new List<(long, string)>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            try
            {
                using var record = JsonDocument.Parse(line);
                if (record.RootElement.GetProperty("type").GetString() == "line")
                {
                    lines.Add((record.RootElement.GetProperty("seq").GetInt64(), record.RootElement.GetProperty("text").GetString()!));
                }
            }
            catch (JsonException)
            {
            }
        }

        return lines;
    }

    /// <summary>The text of each committed line, in order; a line cut short by a kill is skipped, as readers do.</summary>
    public static async Task<IReadOnlyList<string>> ReadCommittedTextAsync(string path, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            try
            {
                using var record = JsonDocument.Parse(line);
                if (record.RootElement.GetProperty("type").GetString() == "line")
                {
                    texts.Add(record.RootElement.GetProperty("text").GetString()!);
                }
            }
            catch (JsonException)
            {
            }
        }

        return texts;
    }
}
