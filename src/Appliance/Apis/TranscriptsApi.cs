using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveStt.Appliance.Kiosk;
using LiveStt.Appliance.Transcripts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// <c>/api/transcripts</c>: the sessions' transcripts, to list, download (<c>format=txt|srt|vtt|json</c>) and delete.
/// A session id that is not 8 hex digits is a 404 like an unknown one, so nothing a request sends is used as a path.
/// </summary>
public static class TranscriptsApi
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapTranscriptsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var transcripts = endpoints.MapGroup("/api/transcripts").RequireKioskSession();
        transcripts.MapGet("/", List).WithName("ListTranscripts");
        transcripts.MapGet("/{id}", Export).WithName("ExportTranscript");
        transcripts.MapDelete("/{id}", Delete).WithName("DeleteTranscript");
        return endpoints;
    }

    internal static Ok<IReadOnlyList<TranscriptSummary>> List(TranscriptStore store) => TypedResults.Ok(store.List());

    internal static Results<FileContentHttpResult, NotFound<ProblemDetails>, ValidationProblem> Export(string id, string? format, TranscriptStore store)
    {
        var kind = (format ?? "txt").ToLowerInvariant();
        if (kind is not ("txt" or "srt" or "vtt" or "json"))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["format"] = ["Choose txt, srt, vtt or json."] },
                title: "This transcript format is not offered");
        }

        if (store.Find(id) is not { } transcript)
        {
            return NotFound(id);
        }

        var (content, contentType) = kind switch
        {
            "srt" => (TranscriptExport.ToSrt(transcript), "application/x-subrip; charset=utf-8"),
            "vtt" => (TranscriptExport.ToVtt(transcript), "text/vtt; charset=utf-8"),
            "json" => (JsonSerializer.Serialize(transcript, JsonOptions), "application/json; charset=utf-8"),
            _ => (TranscriptExport.ToText(transcript), "text/plain; charset=utf-8"),
        };
        var name = string.Create(CultureInfo.InvariantCulture, $"captions-{transcript.StartedAt.UtcDateTime:yyyy-MM-dd-HHmm}-{transcript.Id}.{kind}");
        return TypedResults.File(Encoding.UTF8.GetBytes(content), contentType, name);
    }

    internal static Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult> Delete(string id, TranscriptStore store)
    {
        if (store.IsLive(id))
        {
            return TypedResults.Problem(
                "This is the session running now. Stop captions first, then delete its transcript.",
                statusCode: StatusCodes.Status409Conflict, title: "The transcript is still being written");
        }

        try
        {
            return store.Delete(id) ? TypedResults.NoContent() : NotFound(id);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status507InsufficientStorage, title: "The transcript could not be deleted");
        }
    }

    private static NotFound<ProblemDetails> NotFound(string id) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such transcript",
        Detail = TranscriptFormat.IsSessionId(id) ? $"No transcript of session {id} is kept." : "A session id is 8 hex digits.",
    });
}
