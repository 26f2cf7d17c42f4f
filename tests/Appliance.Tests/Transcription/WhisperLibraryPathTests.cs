using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiveStt.Appliance.Tests.Transcription;

/// <summary>
/// Whisper:LibraryPath and Whisper:RuntimeLibraryOrder reach Whisper.net. Whisper.net picks its library once per
/// process, so each case runs the appliance as a process of its own and reads /api/status from it.
/// </summary>
public sealed class WhisperLibraryPathTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-libpath-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_appliance_loads_the_cpu_library_under_the_configured_path_and_reports_it()
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var libraries = folder.CreateSubdirectory(Path.Combine("runtimes", rid));
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes", rid)))
        {
            File.Copy(file, Path.Combine(libraries.FullName, Path.GetFileName(file)));
        }

        var whisper = await WhisperStatusAsync(("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cpu"));

        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(libraries.FullName, "libwhisper.so"));
        whisper.GetProperty("version").GetString().ShouldBe("1.8.5");
        whisper.GetProperty("binding").GetString().ShouldBe("Whisper.net 1.9.1");
    }

    [Fact]
    public async Task A_runtime_order_that_finds_no_library_is_reported_in_status()
    {
        folder.CreateSubdirectory("runtimes");

        var whisper = await WhisperStatusAsync(("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cuda12"));

        whisper.GetProperty("runtime").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("error").GetString().ShouldStartWith($"Whisper.net could not load a native whisper library (runtimes tried in order: Cuda12; also under {folder.FullName}/runtimes): ");
    }

    private static async Task<JsonElement> WhisperStatusAsync(params (string Name, string Value)[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveStt.Appliance.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Streaming__AutoStart"] = "false";
        start.Environment["Logging__ConsoleFormat"] = "text";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The appliance did not start.");
        var output = new List<string>();
        process.OutputDataReceived += (_, line) => { lock (output) { output.Add(line.Data ?? ""); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.Add(line.Data ?? ""); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var waited = Stopwatch.StartNew();
            while (true)
            {
                process.HasExited.ShouldBeFalse(Log(output));
                try
                {
                    using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status", TestContext.Current.CancellationToken));
                    return status.RootElement.GetProperty("whisper").Clone();
                }
                catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(200, TestContext.Current.CancellationToken);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Log(List<string> output)
    {
        lock (output)
        {
            return "the appliance exited:\n" + string.Join('\n', output);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
