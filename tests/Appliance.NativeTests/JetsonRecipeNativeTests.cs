using System.Text.RegularExpressions;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The Jetson recipe (copied beside the tests, so that this runs inside the image too) builds the whisper.cpp release that the runtime in use reports.</summary>
public sealed class JetsonRecipeNativeTests
{
    [Fact]
    public void The_runtime_in_use_reports_the_whisper_cpp_version_dockerfile_jetson_builds()
    {
        var dockerfile = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dockerfile.jetson"));
        var pinned = Regex.Match(dockerfile, @"^ARG WHISPER_CPP_VERSION=(?<v>\S+)$", RegexOptions.Multiline).Groups["v"].Value;

        var info = Whisper.Runtime().Info;

        info.Version.ShouldBe(pinned);
        info.Binding.ShouldBe("Whisper.net " + Regex.Match(dockerfile, @"^ARG WHISPER_NET_VERSION=(?<v>\S+)$", RegexOptions.Multiline).Groups["v"].Value);
    }
}
