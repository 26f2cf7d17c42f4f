using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class StreamUrlTests
{
    [Theory]
    [InlineData("srt://192.168.1.20:9000?mode=caller&passphrase=letmein1234&latency=200", "srt://192.168.1.20:9000?mode=caller&passphrase=***&latency=200")]
    [InlineData("rtsp://admin:hunter2@camera.local/audio", "rtsp://admin:***@camera.local/audio")]
    [InlineData("https://church.example/live.m3u8?token=abc123", "https://church.example/live.m3u8?token=***")]
    [InlineData("http://stream-pc:8000/live.mp3", "http://stream-pc:8000/live.mp3")]
    [InlineData("rtmp://user@stream-pc/live", "rtmp://user@stream-pc/live")]
    public void Passwords_and_secret_parameters_are_masked(string url, string expected)
    {
        StreamUrl.Mask(url).ShouldBe(expected);
    }

    [Fact]
    public void An_sdp_file_is_read_with_the_protocols_rtp_needs()
    {
        var arguments = FfmpegWaveIn.Arguments("/etc/livestt/aes67.sdp");

        arguments.ShouldContain("-protocol_whitelist");
        arguments[arguments.ToList().IndexOf("-protocol_whitelist") + 1].ShouldBe("file,udp,rtp");
    }

    [Fact]
    public void Ffmpeg_writes_16_kHz_mono_16_bit_pcm_to_its_output()
    {
        var arguments = FfmpegWaveIn.Arguments("udp://0.0.0.0:5004");

        string.Join(' ', arguments).ShouldEndWith("-i udp://0.0.0.0:5004 -vn -sn -dn -ac 1 -ar 16000 -c:a pcm_s16le -f s16le -flush_packets 1 pipe:1");
        arguments.ShouldNotContain("-protocol_whitelist");
    }
}
