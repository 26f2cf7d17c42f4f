using System.Diagnostics;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>Programs the tests check the appliance with (docker, ffmpeg, zbarimg, poppler), run as an operator would.</summary>
internal static class ExternalTool
{
    /// <summary>Runs <paramref name="file"/> and insists that it succeeds; returns what it printed.</summary>
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var (code, stdout, stderr) = await ExecAsync(file, arguments, TimeSpan.FromMinutes(2));
        code.ShouldBe(0, $"{file} {string.Join(' ', arguments)}: {stderr.Trim()}");
        return stdout;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(
        string file, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
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
