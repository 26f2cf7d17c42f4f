using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.ModelGenerator;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.Tests.Apis;

/// <summary>
/// <c>/api/session</c> through the real app: real whisper (Whisper.net's runtime) on a generated micro model, the real
/// Silero model, and recorded speech looped in real time.
/// </summary>
public sealed class SessionApiTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-session-api-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Start_pause_resume_and_stop_each_answer_with_the_session_as_it_then_is()
    {
        await using var host = ApplianceTestHost.Start(Captioning());
        using var kiosk = await host.UnlockedKioskAsync();

        var started = await CommandAsync(kiosk, "start", HttpStatusCode.OK);
        started.GetProperty("state").GetString().ShouldBe("live");
        var id = started.GetProperty("sessionId").GetString()!;
        (await CommandAsync(kiosk, "start", HttpStatusCode.OK)).GetProperty("sessionId").GetString().ShouldBe(id, "a second tap starts nothing new");

        var paused = await CommandAsync(kiosk, "pause", HttpStatusCode.OK);
        paused.GetProperty("state").GetString().ShouldBe("paused");
        paused.GetProperty("pausedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/session", Token)).GetProperty("state").GetString().ShouldBe("paused");

        (await CommandAsync(kiosk, "resume", HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("live");
        var stopped = await CommandAsync(kiosk, "stop", HttpStatusCode.OK);
        stopped.GetProperty("state").GetString().ShouldBe("idle");
        stopped.GetProperty("sessionId").GetString().ShouldBe(id);
        stopped.GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.String);

        var refused = await CommandAsync(kiosk, "pause", HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString().ShouldBe("Captions are not running, so there is nothing to pause.");
        (await CommandAsync(kiosk, "resume", HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("Captions are not paused, so there is nothing to resume.");
    }

    [Fact]
    public async Task A_start_that_cannot_get_captions_going_is_a_503_with_the_reason()
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = await host.UnlockedKioskAsync();

        var problem = await CommandAsync(kiosk, "start", HttpStatusCode.ServiceUnavailable);

        problem.GetProperty("title").GetString().ShouldBe("Captions could not start");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Models:Path '");
        problem.GetProperty("detail").GetString()!.ShouldContain("does not exist");
    }

    private static async Task<JsonElement> CommandAsync(Infrastructure.KioskClient kiosk, string command, HttpStatusCode expected)
    {
        using var response = await kiosk.PostAsync($"/api/session/{command}");
        var body = await response.Content.ReadAsStringAsync(Token);
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Dictionary<string, string?> Captioning()
    {
        var model = RandomWhisperModel.Write(Path.Combine(directory, "micro.bin"), WhisperModelShape.Micro, seed: 3).FullName;
        return new Dictionary<string, string?>
        {
            ["Models:Path"] = model,
            ["Audio:Path"] = LiveInputFixture.Speech,
            ["Audio:Loop"] = "true",
            ["Audio:Pacing"] = "RealTime",
            ["Vad:ModelPath"] = VadModelFile.Path,
            ["Whisper:Threads"] = "1",
        };
    }
}
