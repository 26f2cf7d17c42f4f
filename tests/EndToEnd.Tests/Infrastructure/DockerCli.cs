using System.Diagnostics;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The docker command line, as an operator would use it against the real engine.</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, bool throwOnError = true)
    {
        var (code, stdout, stderr) = await ExecAsync("docker", arguments, timeout);
        if (code != 0 && throwOnError)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {code}: {stderr.Trim()}");
        }

        return stdout.Trim();
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
