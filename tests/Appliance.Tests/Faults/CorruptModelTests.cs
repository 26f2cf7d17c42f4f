using System.Net;
using System.Text;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// A damaged model file at start-up, through the appliance run as its own process with the real whisper library: the
/// process stays up and says what is wrong (the session faulted with the reason, /healthz failing with it), and it
/// does not try again and again on its own, so neither it nor a container restart policy spins.
/// </summary>
public sealed class CorruptModelTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_model_cut_short_faults_the_session_with_the_reason_and_the_process_stays_up()
    {
        var model = Copy("ggml-cut.bin", whole => whole[..(whole.Length / 2)]);

        var (status, health, output) = await RunWithModelAsync(model);

        var reason = status.GetProperty("session").GetProperty("error").GetString();
        reason.ShouldBe($"The model file '{model}' is not a usable whisper.cpp ggml model: tensor 24 needs 6638592 bytes of data but the file ends 2788240 bytes later (truncated?).");
        health.ShouldBe($"Unhealthy: caption session faulted: {reason}\n");
        output.ShouldContain($"faulted: {reason}");
    }

    [Fact]
    public async Task A_model_with_a_damaged_tensor_name_is_refused_by_whisper_and_the_process_stays_up()
    {
        // One flipped byte in a tensor's name: the file's structure is whole, so only whisper's own loader finds it.
        var model = Copy("ggml-renamed.bin", whole =>
        {
            var at = whole.AsSpan().IndexOf("decoder.token_embedding.weight"u8);
            at.ShouldBeGreaterThan(0);
            whole[at] = (byte)'D';
            return whole;
        });

        var (status, health, output) = await RunWithModelAsync(model);

        var reason = status.GetProperty("session").GetProperty("error").GetString();
        reason.ShouldBe($"whisper could not load the model '{model}': whisper_model_load: unknown tensor 'Decoder.token_embedding.weight' in model file. The file is damaged, truncated, or not a whisper.cpp ggml model.");
        health.ShouldBe($"Unhealthy: caption session faulted: {reason}\n");
        output.ShouldContain($"faulted: {reason}");
    }

    [Fact]
    public async Task Without_auto_start_a_model_cut_short_is_reported_at_start_up_a_start_says_why_and_once_it_is_replaced_captions_flow()
    {
        var model = Copy("ggml-cut-idle.bin", whole => whole[..(whole.Length / 2)]);
        var reason = $"The model file '{model}' is not a usable whisper.cpp ggml model: tensor 24 needs 6638592 bytes of data but the file ends 2788240 bytes later (truncated?).";
        var settings = fixture.Settings(
            ("Models__Path", model), ("Audio__Path", LiveInputFixture.Speech), ("Streaming__AutoStart", "false"), ("Kiosk__Pin", "2468"),
            ("Kiosk__KeyDirectory", Path.Combine(fixture.Folder, "keys-" + Guid.NewGuid().ToString("N"))));
        await using var appliance = await ApplianceProcess.StartAsync(settings);

        var faulted = await appliance.WaitForStatusAsync(s => s.GetProperty("session").GetProperty("state").GetString() == "faulted", Patience, "the model's problem to be reported");
        faulted.GetProperty("session").GetProperty("sessionId").ValueKind.ShouldBe(JsonValueKind.Null, "no session was started");
        faulted.GetProperty("session").GetProperty("error").GetString().ShouldBe(reason);
        using (var health = await appliance.Http.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe($"Unhealthy: caption session faulted: {reason}\n");
        }

        appliance.Output.ShouldContain($"The speech model could not be made ready: {reason}");

        using var kiosk = await new KioskClient(appliance.BaseAddress).UnlockAsync("2468");
        using var start = await kiosk.PostAsync("/api/session/start");

        start.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = JsonDocument.Parse(await start.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Captions could not start");
        problem.GetProperty("detail").GetString().ShouldBe(reason);
        var after = await appliance.StatusAsync();
        after.GetProperty("session").GetProperty("state").GetString().ShouldBe("faulted");
        after.GetProperty("session").GetProperty("error").GetString().ShouldBe(reason);

        // A good file put in its place, and Start again: captions flow, with no restart.
        File.Copy(RandomWhisperModel.Write(Path.Combine(fixture.Folder, "good.bin"), WhisperModelShape.Micro, seed: 5).FullName, model, overwrite: true);
        using var again = await kiosk.PostAsync("/api/session/start");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var phone = await LiveCaptionClient.ConnectAsync(appliance);
        var first = await phone.WaitForCommittedAsync(Patience);
        (await appliance.Http.GetStringAsync("/healthz", TestContext.Current.CancellationToken)).ShouldBe("Healthy: caption session live\n");
        using var stop = await kiosk.PostAsync("/api/session/stop");
        stop.StatusCode.ShouldBe(HttpStatusCode.OK);
        var transcript = LiveInputFixture.Transcripts(settings).Lines.Select(l => (l.Seq, l.Text)).ToList();
        transcript.ShouldContain((first.Seq, first.Text));
        phone.Committed.Select(c => (c.Seq, c.Text)).ShouldBe(transcript.Take(phone.Committed.Count), "the phone got the transcript's lines");
    }

    /// <summary>
    /// Starts the appliance on <paramref name="model"/>, waits for its session to fault, then watches it for ten seconds
    /// more: the same process answers throughout and nothing is tried again.
    /// </summary>
    private async Task<(JsonElement Status, string Health, string Output)> RunWithModelAsync(string model)
    {
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("Models__Path", model), ("Audio__Path", LiveInputFixture.Speech)));
        var faulted = await appliance.WaitForStatusAsync(s => s.GetProperty("session").GetProperty("state").GetString() == "faulted", Patience, "the session to fault");
        var processId = appliance.ProcessId;

        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var status = await appliance.StatusAsync();
        using var health = await appliance.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        appliance.ProcessId.ShouldBe(processId);
        status.GetProperty("session").ToString().ShouldBe(faulted.GetProperty("session").ToString(), "nothing changed while it was watched: no retry, no restart");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        status.GetProperty("model").GetProperty("name").GetString().ShouldBe(Path.GetFileName(model));
        var output = appliance.Output;
        CountOf(output, "Caption session ").ShouldBe(2, $"one session started and faulted, nothing after:\n{output}");
        return (status, body, output);
    }

    private string Copy(string name, Func<byte[], byte[]> damage)
    {
        var whole = RandomWhisperModel.Write(Path.Combine(fixture.Folder, "whole-" + name), WhisperModelShape.Micro, seed: 5);
        var path = Path.Combine(fixture.Folder, name);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(whole.FullName)));
        return path;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
