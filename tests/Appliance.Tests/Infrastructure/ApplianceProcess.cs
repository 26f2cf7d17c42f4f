using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.Tests.Infrastructure;

/// <summary>
/// The appliance as a process of its own (<c>dotnet exec LiveStt.Appliance.dll</c> from the test's output), for what
/// is process-wide: the native libraries it loads, the ALSA configuration it reads, the child processes it starts.
/// Killed when disposed.
/// </summary>
internal sealed class ApplianceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly HttpClient http;

    private ApplianceProcess(Process process, int port)
    {
        this.process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public HttpClient Http => http;

    /// <summary>Everything the appliance wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output.TakeLast(60));
            }
        }
    }

    /// <summary>Starts the appliance with <paramref name="settings"/> as environment variables and waits until it answers.</summary>
    public static async Task<ApplianceProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var appliance = new ApplianceProcess(Process.Start(StartInfo(port, settings)) ?? throw new InvalidOperationException("The appliance did not start."), port);
        try
        {
            await appliance.WaitForStatusAsync(_ => true, TimeSpan.FromSeconds(30), "the appliance to answer");
            return appliance;
        }
        catch
        {
            await appliance.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs the appliance with <paramref name="settings"/> until it ends by itself, as it does when it cannot start;
    /// its exit code and what it wrote to standard output and standard error.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(FreePort(), settings)) ?? throw new InvalidOperationException("The appliance did not start.");
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timer.Token);
            var error = process.StandardError.ReadToEndAsync(timer.Token);
            await process.WaitForExitAsync(timer.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the appliance was still running after {timeout}");
        }
    }

    public async Task<JsonElement> StatusAsync()
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status", TestContext.Current.CancellationToken));
        return status.RootElement.Clone();
    }

    /// <summary>Polls /api/status until <paramref name="condition"/> holds; fails with <paramref name="what"/>, the last status and the log.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        var last = "(none)";
        while (true)
        {
            process.HasExited.ShouldBeFalse($"the appliance exited while waiting for {what}:\n{Output}");
            try
            {
                var status = await StatusAsync();
                last = status.ToString();
                if (condition(status))
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
            }

            waited.Elapsed.ShouldBeLessThan(timeout, $"waiting for {what}; last status {last}\n{Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls until a session has run and ended with its audio (idle, with a session id); returns its <c>session</c>.</summary>
    public async Task<JsonElement> WaitForSessionEndAsync(TimeSpan timeout, Action<JsonElement>? eachSession = null)
    {
        var status = await WaitForStatusAsync(
            s =>
            {
                var session = s.GetProperty("session");
                eachSession?.Invoke(session);
                return session.GetProperty("state").GetString() == "idle" && session.GetProperty("sessionId").ValueKind == JsonValueKind.String;
            },
            timeout,
            "the session to end with its audio");
        return status.GetProperty("session");
    }

    /// <summary>The session's <c>input</c> in a status; a stand-in with state "none" before the session has one.</summary>
    public static JsonElement InputOf(JsonElement status) =>
        status.GetProperty("session").TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
            ? input
            : JsonDocument.Parse("""{"state":"none","reconnects":0,"levelDbfs":null}""").RootElement;

    /// <summary>SIGKILL, as a crash or a power cut would end it.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
        http.Dispose();
    }

    private static ProcessStartInfo StartInfo(int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveStt.Appliance.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__ConsoleFormat"] = "text";
        start.Environment["Vad__ModelPath"] = VadModelFile.Path;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        lock (output)
        {
            output.Add(line ?? "");
        }
    }
}
