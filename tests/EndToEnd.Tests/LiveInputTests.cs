using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveStt.EndToEnd.Tests.Infrastructure;
using LiveStt.Tests.Speech;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The image's own live inputs, each in a container of its own: ALSA capture through the image's libasound (the
/// file plugin over real speech, configured in /etc/asound.conf), and a UDP stream through the image's ffmpeg from a
/// sender on the host.
/// </summary>
public sealed class LiveInputTests : IDisposable
{
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-e2e-input-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_image_captions_an_alsa_capture_device()
    {
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0x1ED);
        var raw = Path.Combine(folder.FullName, "desk.raw");
        // In the format the appliance opens the device in (float, 16 kHz, stereo): ALSA's file plugin reads its raw
        // file as whatever format the plug in front negotiates, so a file in another format comes through garbled.
        await FfmpegAsync("-y", "-stream_loop", "2", "-i", Speech, "-ar", "16000", "-ac", "2", "-f", "f32le", raw);
        var config = Path.Combine(folder.FullName, "asound.conf");
        await File.WriteAllTextAsync(config, """
            pcm.desk_file {
                type file
                slave.pcm "null"
                file "/dev/null"
                infile "/alsa/desk.raw"
                format "raw"
            }
            pcm.desk {
                type plug
                slave { pcm "desk_file"; format FLOAT_LE; rate 16000; channels 2 }
            }
            """, TestContext.Current.CancellationToken);

        // ALSA's file plugin has no clock: the input is read as fast as the pipeline takes it.
        var appliance = new ApplianceContainer
        {
            LogName = "appliance-alsa",
            AudioArguments = ["-v", $"{folder.FullName}:/alsa:ro", "-v", $"{config}:/etc/asound.conf:ro", "-e", "Audio__Source=alsa", "-e", "Audio__Device=desk", "-e", "Audio__Pacing=AsFastAsPossible"],
        };
        try
        {
            await appliance.InitializeAsync();
            await ShouldCaptionAsync(appliance, "alsa", "desk");
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_image_captions_a_udp_stream()
    {
        var url = $"udp://127.0.0.1:{FreeUdpPort()}";
        using var sender = Ffmpeg("-re", "-stream_loop", "-1", "-i", Speech, "-c:a", "mp2", "-f", "mpegts", url);
        var appliance = new ApplianceContainer
        {
            LogName = "appliance-stream",
            HostNetwork = true,
            AudioArguments = ["-e", "Audio__Source=stream", "-e", $"Audio__Url={url}"],
        };
        try
        {
            await appliance.InitializeAsync();
            await ShouldCaptionAsync(appliance, "stream", url);
        }
        finally
        {
            await appliance.DisposeAsync();
            sender.Kill();
            await sender.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Speech => SpeechCorpus.Clips().Single(clip => clip.Audio == "jfk/jfk.wav").FullPath;

    private static async Task ShouldCaptionAsync(ApplianceContainer appliance, string kind, string description)
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var viewer = CaptionViewer.Create(appliance, ticket);
        await viewer.StartAsync(TestContext.Current.CancellationToken);

        var committed = await viewer.WaitForCommittedAsync(2, CaptionTimeout);

        committed.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Text));
        var input = (await appliance.GetStatusAsync()).GetProperty("session").GetProperty("input");
        input.GetProperty("kind").GetString().ShouldBe(kind);
        input.GetProperty("description").GetString().ShouldBe(description);
        input.GetProperty("state").GetString().ShouldBe("receiving");
    }

    private static Process Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        using var ffmpeg = Ffmpeg(arguments);
        var errors = await ffmpeg.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await ffmpeg.WaitForExitAsync(TestContext.Current.CancellationToken);
        ffmpeg.ExitCode.ShouldBe(0, errors);
        File.SetUnixFileMode(arguments[^1], (UnixFileMode)0x1A4);
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
