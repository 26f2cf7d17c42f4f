namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>Where the suite finds the repository, the speech corpus and the image under test.</summary>
internal static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>LIVESTT_SPEECH_DIR, else ../shared/speech beside the repository.</summary>
    public static string SpeechDirectory =>
        Environment.GetEnvironmentVariable("LIVESTT_SPEECH_DIR") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "speech"));

    /// <summary>The appliance image; scripts/test.sh builds it and sets LIVESTT_IMAGE.</summary>
    public static string? ImageFromEnvironment => Environment.GetEnvironmentVariable("LIVESTT_IMAGE") is { Length: > 0 } image ? image : null;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(RepositoryRoot, "artifacts", "test-results", "end-to-end");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveStt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LiveStt.sln not found above {AppContext.BaseDirectory}");
    }
}
