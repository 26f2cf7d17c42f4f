namespace LiveStt.Tests.Speech;

/// <summary>
/// The real Silero voice-activity model for tests: LIVESTT_VAD_MODEL (scripts/test.sh sets it to the checked copy the
/// image build uses), else the copy inside the appliance image (the native tests also run there), else the build's
/// copy under artifacts/vad or the shared models folder beside the repository.
/// </summary>
internal static class VadModelFile
{
    public const string Variable = "LIVESTT_VAD_MODEL";
    public const string FileName = "silero-v6.2.0-ggml.bin";
    public const string ImagePath = "/app/vad/" + FileName;

    public static string Path => Locate() ?? throw new InvalidOperationException(
        $"The Silero model {FileName} was not found; set {Variable} (scripts/test.sh does) or run scripts/build-image.sh.");

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Path.GetFullPath(configured);
        }

        if (File.Exists(ImagePath))
        {
            return ImagePath;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "LiveStt.sln")))
            {
                return new[]
                {
                    System.IO.Path.Combine(directory.FullName, "artifacts", "vad", FileName),
                    System.IO.Path.Combine(directory.FullName, "..", "shared", "models", FileName),
                }.Select(System.IO.Path.GetFullPath).FirstOrDefault(File.Exists);
            }
        }

        return null;
    }
}
