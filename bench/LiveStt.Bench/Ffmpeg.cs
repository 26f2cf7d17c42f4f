using System.Diagnostics;

namespace LiveStt.Bench;

/// <summary>Debian's ffmpeg, quiet but for errors, as the benchmarks start it (to make test audio, or to send it).</summary>
internal static class Ffmpeg
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg");
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
    }
}
