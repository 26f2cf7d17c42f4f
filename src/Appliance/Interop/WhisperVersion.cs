using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Interop;

/// <summary>Which libwhisper versions this binding was built for: the 1.9 series, whose whisper.h it mirrors.</summary>
internal static partial class WhisperVersion
{
    public const int SupportedMajor = 1;
    public const int SupportedMinor = 9;

    /// <summary>The header the structs were transcribed from.</summary>
    public const string BuiltAgainst = "1.9.5";

    /// <summary>
    /// True for "1.9.N" with an optional pre-release or build suffix ("1.9.5-dev", "1.9.5+dfsg");
    /// false for anything else, including an empty or unparsable string.
    /// </summary>
    public static bool IsSupported(string? reported)
    {
        if (reported is null)
        {
            return false;
        }

        var match = VersionPattern().Match(reported.Trim());
        return match.Success
            && int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) == SupportedMajor
            && int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture) == SupportedMinor;
    }

    /// <summary>The message for a library this build must refuse; says what was found and what to do.</summary>
    public static string DescribeUnsupported(string? reported) =>
        $"libwhisper reports version '{reported ?? "(none)"}', but this build of LiveStt binds whisper.cpp " +
        $"{SupportedMajor}.{SupportedMinor}.x (structs transcribed from whisper.h {BuiltAgainst}). Its parameter " +
        $"structs may differ, so it is not used. Install libwhisper1 {SupportedMajor}.{SupportedMinor}.x " +
        "(Debian forky: apt-get install libwhisper1) or rebuild LiveStt against the installed whisper.h.";

    [GeneratedRegex(@"^(?<major>\d{1,4})\.(?<minor>\d{1,4})\.(?<patch>\d{1,6})(?:[-+~][0-9A-Za-z.+~-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
