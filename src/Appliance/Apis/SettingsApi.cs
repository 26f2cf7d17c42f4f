using LiveStt.Appliance.Kiosk;
using LiveStt.Appliance.Settings;
using LiveStt.Appliance.Vocabulary;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// <c>/api/settings</c>: what a volunteer can change from the kiosk, saved on the data volume. The input applies at the
/// next Start; the vocabulary at once. Invalid settings are refused whole with every problem by field (400), and
/// nothing is saved.
/// </summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var settings = endpoints.MapGroup("/api/settings").RequireKioskSession();
        settings.MapGet("/input", GetInput).WithName("GetInputSettings");
        settings.MapPut("/input", PutInput).WithName("SaveInputSettings");
        settings.MapDelete("/input", ResetInput).WithName("ResetInputSettings");
        settings.MapGet("/vocabulary", GetVocabulary).WithName("GetVocabulary");
        settings.MapPut("/vocabulary", PutVocabulary).WithName("SaveVocabulary");
        return endpoints;
    }

    internal static Ok<InputSettingsView> GetInput(InputSettingsStore store) => TypedResults.Ok(store.View);

    internal static Results<Ok<InputSettingsView>, ValidationProblem, ProblemHttpResult> PutInput(InputSettings input, InputSettingsStore store)
    {
        try
        {
            var (view, errors) = store.Save(input);
            return view is null ? TypedResults.ValidationProblem(errors, title: "These settings were not saved") : TypedResults.Ok(view);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NotWritten(ex);
        }
    }

    internal static Results<Ok<InputSettingsView>, ProblemHttpResult> ResetInput(InputSettingsStore store)
    {
        try
        {
            return TypedResults.Ok(store.Reset());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NotWritten(ex);
        }
    }

    internal static Results<Ok<VocabularyView>, ProblemHttpResult> GetVocabulary(VocabularyEditor editor) =>
        editor.Enabled ? TypedResults.Ok(editor.Read()) : TurnedOff();

    internal static Results<Ok<VocabularyView>, ValidationProblem, ProblemHttpResult> PutVocabulary(VocabularyDocument vocabulary, VocabularyEditor editor)
    {
        if (!editor.Enabled)
        {
            return TurnedOff();
        }

        try
        {
            var (view, errors) = editor.Save(vocabulary);
            return view is null ? TypedResults.ValidationProblem(errors, title: "The vocabulary was not saved") : TypedResults.Ok(view);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return NotWritten(ex);
        }
    }

    private static ProblemHttpResult TurnedOff() =>
        TypedResults.Problem("The site vocabulary is turned off on this box (Vocabulary:Path is empty).", statusCode: StatusCodes.Status409Conflict, title: "Vocabulary turned off");

    private static ProblemHttpResult NotWritten(Exception ex) =>
        TypedResults.Problem($"The box could not save the settings: {ex.Message}", statusCode: StatusCodes.Status507InsufficientStorage, title: "Not saved");
}
