namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The ops agent's image under test: LIVESTT_OPSAGENT_IMAGE, or livestt/opsagent:local built once for the run.</summary>
internal static class OpsAgentImage
{
    private static readonly Lazy<Task<string>> Image = new(EnsureAsync);

    public static Task<string> GetAsync() => Image.Value;

    private static async Task<string> EnsureAsync()
    {
        if (Environment.GetEnvironmentVariable("LIVESTT_OPSAGENT_IMAGE") is { Length: > 0 } image)
        {
            return image;
        }

        image = "livestt/opsagent:local";
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "build-opsagent-image.sh");
        var (code, stdout, stderr) = await ExternalTool.ExecAsync("bash", [script, image], TimeSpan.FromMinutes(15));
        if (code != 0)
        {
            throw new InvalidOperationException($"building {image} failed: {stdout}{stderr}");
        }

        return image;
    }
}
