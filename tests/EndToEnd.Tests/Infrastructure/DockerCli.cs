namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The docker command line, as an operator would use it against the real engine.</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, bool throwOnError = true)
    {
        var (code, stdout, stderr) = await ExternalTool.ExecAsync("docker", arguments, timeout);
        if (code != 0 && throwOnError)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {code}: {stderr.Trim()}");
        }

        return stdout.Trim();
    }
}
