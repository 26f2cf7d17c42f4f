using System.Collections.Concurrent;
using System.Diagnostics;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>The built agent run as its own process (the way it runs in its container), so a test can kill -9 it.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AgentProcess(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;

    /// <summary>A client of the agent's API that sends the token.</summary>
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public string Output => string.Join('\n', _output);

    /// <param name="wrapper">A command the agent runs under (e.g. strace and its arguments), or none.</param>
    public static async Task<AgentProcess> StartAsync(AgentSettings settings, IReadOnlyList<string>? wrapper = null)
    {
        var port = DockerFixture.FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "LiveStt.OpsAgent.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] command = [.. wrapper ?? [], dotnet, dll, .. settings.ToArgs($"http://127.0.0.1:{port}")];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        var agent = new AgentProcess(Process.Start(start)!) { Url = new Uri($"http://127.0.0.1:{port}") };
        agent.Client.BaseAddress = agent.Url;
        agent.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AgentSettings.Token);
        agent._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { agent._output.Enqueue(e.Data); } };
        agent._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { agent._output.Enqueue(e.Data); } };
        agent._process.BeginOutputReadLine();
        agent._process.BeginErrorReadLine();
        await agent.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));
        return agent;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"agent exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"agent did not print '{text}' within {timeout}:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown code of the agent runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
