using System.Diagnostics;

namespace LiveStt.Appliance.Tests.Infrastructure;

/// <summary>
/// A real file system that fills up: a tmpfs of a few KiB mounted on a folder of its own (the tests run as root, as
/// the appliance's box does its mounts), with a filler file to take its last free byte and give it back. Unmounted
/// when disposed.
/// </summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB, writable by anyone (the appliance process may run as another user).</summary>
    public static SmallTmpfs Mount(int kib)
    {
        var path = Directory.CreateTempSubdirectory("livestt-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={kib}k,mode=0777", "tmpfs", path);
        return new SmallTmpfs(path);
    }

    /// <summary>Writes a filler file until the file system has no byte left.</summary>
    public void Fill()
    {
        using var filler = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[512];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full, as wanted.
        }

        // A last byte or two may still fit.
        try
        {
            while (true)
            {
                filler.Write(block.AsSpan(0, 1));
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Gives the space back.</summary>
    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{command} {string.Join(' ', arguments)}: {error} (needs root)");
    }
}
