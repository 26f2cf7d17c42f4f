using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using LiveStt.ModelGenerator;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The image on a model file cut short, under a restart policy: the container stays up, unhealthy, with the reason in
/// Docker's own health log and in /api/status; Docker never restarts it, because the appliance never exits over it.
/// </summary>
public sealed class CorruptModelImageTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-e2e-model-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task A_model_cut_short_leaves_the_container_up_and_unhealthy_with_the_reason_and_it_is_never_restarted()
    {
        var image = await ApplianceContainer.ImageAsync();
        var whole = File.ReadAllBytes(RandomWhisperModel.Write(Path.Combine(folder.FullName, "whole.bin"), WhisperModelShape.Micro, seed: 5).FullName);
        var cut = Path.Combine(folder.FullName, "ggml-cut.bin");
        await File.WriteAllBytesAsync(cut, whole[..(whole.Length / 2)], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1ED);
        File.SetUnixFileMode(cut, (UnixFileMode)0x1A4);
        const string Reason = "The model file '/models/ggml-cut.bin' is not a usable whisper.cpp ggml model: tensor 24 needs 6638592 bytes of data but the file ends 2788240 bytes later (truncated?).";

        // The image's own health command, checked more often than its 10 s so the test need not wait a minute.
        var container = await DockerCli.RunAsync(
        [
            "run", "-d", "--label", "livestt.test=e2e", "--restart", "unless-stopped", "--network", "none",
            "--health-interval", "2s", "--health-start-period", "1s", "--health-retries", "2",
            "-v", $"{folder.FullName}:/models:ro", "-e", "Models__Path=/models/ggml-cut.bin", image,
        ], TimeSpan.FromMinutes(1));
        try
        {
            var unhealthy = await WaitForStateAsync(container, s => s.GetProperty("Health").GetProperty("Status").GetString() == "unhealthy", TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
            var state = await StateAsync(container);

            state.GetProperty("Running").GetBoolean().ShouldBeTrue();
            state.GetProperty("StartedAt").GetString().ShouldBe(unhealthy.GetProperty("StartedAt").GetString(), "the same run throughout");
            (await DockerCli.RunAsync(["inspect", "-f", "{{.RestartCount}}", container], TimeSpan.FromSeconds(30))).ShouldBe("0");
            var health = state.GetProperty("Health");
            health.GetProperty("Status").GetString().ShouldBe("unhealthy");
            var last = health.GetProperty("Log").EnumerateArray().Last();
            last.GetProperty("ExitCode").GetInt32().ShouldBe(1);
            // The body on curl's stdout, its error on stderr: Docker keeps both, in whichever order they came.
            last.GetProperty("Output").GetString().ShouldNotBeNull().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
                [$"Unhealthy: caption session faulted: {Reason}", "curl: (22) The requested URL returned error: 503"],
                ignoreOrder: true);

            using var status = JsonDocument.Parse(await DockerCli.RunAsync(["exec", container, "curl", "-sS", "http://127.0.0.1:8080/api/status"], TimeSpan.FromSeconds(30)));
            var session = status.RootElement.GetProperty("session");
            session.GetProperty("state").GetString().ShouldBe("faulted");
            session.GetProperty("error").GetString().ShouldBe(Reason);
        }
        finally
        {
            var logs = await ExternalTool.ExecAsync("docker", ["logs", "--tail", "200", container], TimeSpan.FromSeconds(30));
            await File.WriteAllTextAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, "appliance-corrupt-model.log"), logs.Stdout + logs.Stderr, CancellationToken.None);
            await DockerCli.RunAsync(["rm", "-f", container], TimeSpan.FromMinutes(1), throwOnError: false);
        }
    }

    private static async Task<JsonElement> StateAsync(string container)
    {
        using var state = JsonDocument.Parse(await DockerCli.RunAsync(["inspect", "-f", "{{json .State}}", container], TimeSpan.FromSeconds(30)));
        return state.RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForStateAsync(string container, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await StateAsync(container);
            if (condition(state))
            {
                return state;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the container's state is {state}");
            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }
    }
}
