using System.Diagnostics;

namespace LiveStt.Deployment.Tests;

/// <summary>The real `docker compose` (v2) run on a file of the repository, from the repository root.</summary>
internal static class DockerCompose
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        // An empty env file in place of the checkout's .env, which a box's installer writes (runbooks/install-a-box.md).
        var start = new ProcessStartInfo("docker", ["compose", "--env-file", "/dev/null", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Yaml.Root,
        };
        // The file's defaults, not whatever this machine's shell or .env chose for a second copy.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LIVESTT_", StringComparison.Ordinal) || k.StartsWith("COMPOSE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker could not be started");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Fails with the way to get it when the compose v2 plugin is missing, rather than with a confusing exit code.</summary>
    public static async Task RequireAsync()
    {
        var (exitCode, _, error) = await RunAsync("version");
        exitCode.ShouldBe(0, $"docker compose v2 is needed (scripts/lib/common.sh ensure_compose installs it): {error}");
    }
}
