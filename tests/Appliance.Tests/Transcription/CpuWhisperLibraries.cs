using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Tests.Transcription;

/// <summary>
/// This test run's own CPU libwhisper and its ggml libraries (Whisper.net's runtime, beside the tests), copied into a
/// folder laid out as Whisper__LibraryPath expects: where a test needs a runtime folder that loads, of any layout.
/// </summary>
internal static class CpuWhisperLibraries
{
    public static string Rid { get; } = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The application's own runtime folder, which Whisper.net falls back to.</summary>
    public static string ApplicationFolder { get; } = Path.Combine(AppContext.BaseDirectory, "runtimes", Rid);

    /// <summary>Copies the libraries to <c>runtimes/[runtimeFolder/]rid</c> under <paramref name="root"/>; that folder.</summary>
    public static DirectoryInfo CopyInto(DirectoryInfo root, string? runtimeFolder = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var target = root.CreateSubdirectory(runtimeFolder is null ? Path.Combine("runtimes", Rid) : Path.Combine("runtimes", runtimeFolder, Rid));
        foreach (var file in Directory.GetFiles(ApplicationFolder))
        {
            File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
        }
        return target;
    }
}
