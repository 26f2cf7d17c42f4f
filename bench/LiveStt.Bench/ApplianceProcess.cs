using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.Bench;

/// <summary>
/// The appliance in its own process (<c>dotnet exec</c> of the built LiveStt.Appliance.dll), playing a WAV file in
/// real time with a given model and Silero model, logging JSON lines to its console; this keeps every line with
/// the time it was logged. Disposing it kills it.
/// </summary>
internal sealed class ApplianceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<DateTimeOffset> playing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApplianceProcess(Process process, int port)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Id => process.Id;

    public HttpClient Http { get; }

    /// <summary>Every JSON log line, as parsed.</summary>
    public ConcurrentQueue<JsonElement> Log { get; } = new();

    /// <summary>When the wav source said it started playing (logged just before it takes its start time).</summary>
    public Task<DateTimeOffset> Playing => playing.Task;

    /// <summary>When the wav source said it had played the whole file.</summary>
    public Task<DateTimeOffset> Finished => finished.Task;

    public static ApplianceProcess Start(string model, string vadModel, string wav, bool loop, string work, params (string Name, string Value)[] settings)
    {
        var port = BenchMath.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveStt.Appliance.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__ConsoleFormat"] = "json";
        start.Environment["Models__Path"] = model;
        start.Environment["Vad__ModelPath"] = vadModel;
        start.Environment["Audio__Source"] = "wav";
        start.Environment["Audio__Path"] = wav;
        start.Environment["Audio__Loop"] = loop ? "true" : "false";
        start.Environment["Audio__Pacing"] = "RealTime";
        start.Environment["Transcripts__Directory"] = Path.Combine(work, "transcripts");
        start.Environment["Vocabulary__Path"] = Path.Combine(work, "vocabulary.json");
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var appliance = new ApplianceProcess(Process.Start(start)!, port);
        appliance.process.OutputDataReceived += (_, line) => appliance.Take(line.Data);
        appliance.process.ErrorDataReceived += (_, line) => appliance.Take(line.Data);
        appliance.process.BeginOutputReadLine();
        appliance.process.BeginErrorReadLine();
        return appliance;
    }

    /// <summary>utime + stime of the appliance's process, in seconds, from /proc/PID/stat.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>VmRSS and VmHWM of the appliance's process, in MiB.</summary>
    public (double Resident, double Peak) MemoryMiB()
    {
        double Field(string name)
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(name, StringComparison.Ordinal));
            return long.Parse(line[name.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
        }

        return (Field("VmRSS:"), Field("VmHWM:"));
    }

    public async Task<JsonElement> SessionAsync() =>
        (await Http.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("session");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Http.Dispose();
    }

    private void Take(string? text)
    {
        if (text is null || !text.StartsWith('{'))
        {
            return;
        }

        JsonElement line;
        try
        {
            using var document = JsonDocument.Parse(text);
            line = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return;
        }

        Log.Enqueue(line);
        var message = line.TryGetProperty("@m", out var m) ? m.GetString() ?? "" : "";
        if (message.StartsWith("Playing ", StringComparison.Ordinal))
        {
            playing.TrySetResult(line.GetProperty("@t").GetDateTimeOffset());
        }
        else if (message.StartsWith("Finished playing ", StringComparison.Ordinal))
        {
            finished.TrySetResult(line.GetProperty("@t").GetDateTimeOffset());
        }
    }
}
