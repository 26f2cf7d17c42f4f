using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Audio;

/// <summary>What the stream source accepts as <see cref="AudioOptions.Url"/>, and how it is shown without its secrets.</summary>
internal static partial class StreamUrl
{
    /// <summary>The URL schemes of the network inputs the appliance reads through ffmpeg.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["srt", "rtmp", "rtmps", "rtsp", "rtsps", "rtp", "udp", "http", "https"];

    /// <summary>Why <paramref name="url"/> cannot be read, in words a volunteer can act on; null when it can.</summary>
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Audio:Url is not set; give the stream's address, e.g. srt://192.168.1.20:9000 or http://stream-pc:8000/live.mp3.";
        }

        if (IsSessionDescription(url))
        {
            return File.Exists(url) ? null : $"Audio:Url names the SDP file '{url}', which does not exist.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return $"Audio:Url '{Mask(url)}' is not a stream address; it should look like srt://192.168.1.20:9000 or http://stream-pc:8000/live.mp3.";
        }

        return Schemes.Contains(uri.Scheme)
            ? null
            : $"Audio:Url '{Mask(url)}' starts with '{uri.Scheme}://', which is not a stream kind the appliance reads; use one of {string.Join(", ", Schemes.Select(s => s + "://"))}, or the path of an .sdp file for RTP.";
    }

    /// <summary>An RTP session described by an SDP file (AES67 and other RTP senders publish one).</summary>
    public static bool IsSessionDescription(string url) =>
        url.StartsWith('/') && url.EndsWith(".sdp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL with any password and secret-looking query values replaced by "***", for status and logs.</summary>
    public static string Mask(string url)
    {
        var masked = UserPassword().Replace(url, "${user}:***@");
        return SecretParameter().Replace(masked, "${name}=***");
    }

    [GeneratedRegex(@"(?<=://)(?<user>[^/:@]*):[^/@]*@")]
    private static partial Regex UserPassword();

    [GeneratedRegex(@"(?<name>[?&](?:passphrase|password|pass|pwd|key|token|secret|streamid|auth)[^=&]*)=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
