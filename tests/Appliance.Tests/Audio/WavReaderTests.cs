using LiveStt.Tests.Speech;
using System.Buffers.Binary;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class WavReaderTests
{
    private static readonly float[] Ramp = [0f, 0.25f, -0.25f, 0.5f, -0.5f, 0.75f, -0.75f, 0.99f, -1f];

    [Theory]
    [InlineData(WavSampleEncoding.Pcm, 8, 1.0 / 128)]
    [InlineData(WavSampleEncoding.Pcm, 16, 1.0 / 32768)]
    [InlineData(WavSampleEncoding.Pcm, 24, 1.0 / 8388608)]
    [InlineData(WavSampleEncoding.Pcm, 32, 1e-7)]
    [InlineData(WavSampleEncoding.IeeeFloat, 32, 0)]
    [InlineData(WavSampleEncoding.IeeeFloat, 64, 1e-7)]
    public void Decodes_every_supported_sample_format(WavSampleEncoding encoding, int bits, double tolerance)
    {
        var bytes = WavBuilder.Create(Ramp, 22_050, channels: 1, encoding, bits);

        using var reader = WavReader.Open(new MemoryStream(bytes));

        reader.Format.ShouldBe(new WavFormat(encoding, 1, 22_050, bits, bits / 8));
        reader.FrameCount.ShouldBe(Ramp.Length);
        var decoded = ReadAll(reader);
        decoded.Length.ShouldBe(Ramp.Length);
        for (var i = 0; i < Ramp.Length; i++)
        {
            decoded[i].ShouldBe(Ramp[i], tolerance + 1e-9, $"sample {i}");
        }
    }

    [Theory]
    [InlineData(1, 24, 24)]
    [InlineData(3, 32, 32)]
    [InlineData(1, 32, 24)]
    public void Decodes_wave_format_extensible(ushort subFormat, int bits, int validBits)
    {
        var encoding = subFormat == 1 ? WavSampleEncoding.Pcm : WavSampleEncoding.IeeeFloat;
        var bytes = new WavBuilder()
            .FmtExtensible(subFormat, channels: 2, 48_000, bits, validBits)
            .Data(WavBuilder.Encode([0.5f, -0.5f, 0.25f, 0.75f], encoding, bits))
            .Build();

        using var reader = WavReader.Open(new MemoryStream(bytes));

        reader.Format.Encoding.ShouldBe(encoding);
        reader.Format.Channels.ShouldBe(2);
        ReadAll(reader).ShouldBe([0f, 0.5f], tolerance: 1e-6);
    }

    [Fact]
    public void Averages_stereo_to_mono()
    {
        var bytes = WavBuilder.Create([0.5f, -0.25f, 1f, 1f, -0.5f, 0.5f], 44_100, channels: 2);

        using var reader = WavReader.Open(new MemoryStream(bytes));

        ReadAll(reader).ShouldBe([0.125f, 1f, 0f], tolerance: 1.0 / 32768);
    }

    [Fact]
    public void Skips_unknown_and_odd_sized_chunks_in_any_order()
    {
        var data = WavBuilder.Encode(Ramp, WavSampleEncoding.Pcm, 16);
        var bytes = new WavBuilder()
            .Chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0"u8.ToArray())
            .Chunk("junk", [1, 2, 3])
            .Fmt(1, 1, 16_000, 16)
            .Chunk("fact", [4, 0, 0, 0, 9])
            .Data(data)
            .Chunk("LIST", [1, 2, 3, 4, 5])
            .Build();

        using var reader = WavReader.Open(new MemoryStream(bytes));

        ReadAll(reader).ShouldBe(Ramp, tolerance: 1.0 / 32768);
    }

    [Fact]
    public void Finds_a_fmt_chunk_that_follows_the_data()
    {
        var bytes = new WavBuilder()
            .Data(WavBuilder.Encode(Ramp, WavSampleEncoding.Pcm, 16))
            .Chunk("LIST", [1, 2, 3])
            .Fmt(1, 1, 8_000, 16)
            .Build();

        using var reader = WavReader.Open(new MemoryStream(bytes));

        reader.Format.SampleRate.ShouldBe(8_000);
        ReadAll(reader).ShouldBe(Ramp, tolerance: 1.0 / 32768);
    }

    [Fact]
    public void Reads_a_streamed_file_whose_sizes_were_never_written_to_its_end()
    {
        var data = WavBuilder.Encode([0.5f, -0.5f, 0.25f, 0.75f], WavSampleEncoding.Pcm, 16);
        var bytes = new WavBuilder()
            .Fmt(1, 2, 16_000, 16)
            .Data(data, 0xFFFF_FFFF)
            .Build(riffSize: 0xFFFF_FFFF);

        using var reader = WavReader.Open(new MemoryStream(bytes));

        reader.FrameCount.ShouldBe(2);
        ReadAll(reader).ShouldBe([0f, 0.5f], tolerance: 1.0 / 32768);
    }

    [Theory]
    [InlineData(AudioChannel.Left, new[] { 0.5f, 1f, -0.5f })]
    [InlineData(AudioChannel.Right, new[] { -0.25f, 1f, 0.5f })]
    public void Takes_one_channel_of_a_stereo_file(AudioChannel channel, float[] expected)
    {
        var bytes = WavBuilder.Create([0.5f, -0.25f, 1f, 1f, -0.5f, 0.5f], 44_100, channels: 2);

        using var reader = WavReader.Open(new MemoryStream(bytes), channel);

        ReadAll(reader).ShouldBe(expected, tolerance: 1.0 / 32768);
    }

    [Fact]
    public void Rewind_starts_again_at_the_first_sample()
    {
        var bytes = WavBuilder.Create(Ramp, 16_000);
        using var reader = WavReader.Open(new MemoryStream(bytes));
        var first = ReadAll(reader);

        reader.Rewind();

        ReadAll(reader).ShouldBe(first);
    }

    public static TheoryData<string, byte[], string> MalformedFiles()
    {
        var pcm = WavBuilder.Encode(Ramp, WavSampleEncoding.Pcm, 16);
        var good = WavBuilder.Create(Ramp, 16_000);
        var notWave = good.ToArray();
        "AVI "u8.CopyTo(notWave.AsSpan(8));
        var rf64 = good.ToArray();
        "RF64"u8.CopyTo(rf64.AsSpan(0));
        var garbageId = new WavBuilder().Fmt(1, 1, 16_000, 16).Build().Concat(new byte[] { 0, 1, 2, 3, 4, 0, 0, 0 }).ToArray();
        var shortFmt = new WavBuilder().Chunk("fmt ", new byte[12]).Data(pcm).Build();
        const string Unreadable = "It is not a WAV file that can be read: ";
        const string NoFmt = Unreadable + "Invalid WAV file - No fmt chunk found.";
        const string NoData = Unreadable + "Invalid WAV file - No data chunk found.";

        return new TheoryData<string, byte[], string>
        {
            { "empty", [], "It is too short to be a WAV file (0 bytes)." },
            { "short", good[..7], "It is too short to be a WAV file (7 bytes)." },
            { "not RIFF", "OggS and more bytes"u8.ToArray(), "It is not a WAV file: it starts with 'OggS', not 'RIFF' (Not a WAVE file - no RIFF header)." },
            { "not WAVE", notWave, Unreadable + "Not a WAVE file - no WAVE header." },
            { "RF64 without its ds64 chunk", rf64, Unreadable + "Invalid RF64 WAV file - No ds64 chunk found." },
            { "header only", good[..12], NoFmt },
            { "no data", new WavBuilder().Fmt(1, 1, 16_000, 16).Build(), NoData },
            { "no fmt", new WavBuilder().Chunk("LIST", [1, 2]).Build(), NoFmt },
            { "cut in chunk header", good[..40], NoData },
            { "cut in fmt", good[..30], Unreadable + "its chunks end before the file says they do." },
            { "unknown chunk declares more than the file holds", new WavBuilder().Fmt(1, 1, 16_000, 16).Chunk("LIST", [1, 2], declaredSize: 100).Build(), NoData },
            { "garbage where a chunk should start", garbageId, NoData },
            { "fmt too short", shortFmt, Unreadable + "Invalid WaveFormat Structure." },
            { "A-law", new WavBuilder().Fmt(6, 1, 8_000, 8).Data(pcm).Build(), "Its sample format 0x0006 (ALaw) is not supported; only PCM and IEEE float can be played." },
            { "MP3", new WavBuilder().Fmt(0x55, 1, 8_000, 16).Data(pcm).Build(), "Its sample format 0x0055 (MpegLayer3) is not supported; only PCM and IEEE float can be played." },
            { "12-bit PCM", new WavBuilder().Fmt(1, 1, 8_000, 12, blockAlign: 2).Data(pcm).Build(), "It holds 12-bit PCM samples, which are not supported (PCM: 8, 16, 24 or 32 bits; float: 32 or 64)." },
            { "16-bit float", new WavBuilder().Fmt(3, 1, 8_000, 16).Data(pcm).Build(), "It holds 16-bit float samples, which are not supported (PCM: 8, 16, 24 or 32 bits; float: 32 or 64)." },
            { "6 channels", new WavBuilder().Fmt(1, 6, 8_000, 16).Data(pcm).Build(), "It has 6 channels; only mono and stereo can be played." },
            { "zero channels", new WavBuilder().Fmt(1, 0, 8_000, 16).Data(pcm).Build(), Unreadable + "Invalid WAV file - block align is 0." },
            { "zero rate", new WavBuilder().Fmt(1, 1, 0, 16).Data(pcm).Build(), "Its sample rate 0 Hz is outside 1000 to 768000 Hz." },
            { "block align", new WavBuilder().Fmt(1, 2, 16_000, 16, blockAlign: 2).Data(pcm).Build(), "Its block align is 2 bytes, but 2 channel(s) of 16-bit samples take 4." },
            { "extensible too short", new WavBuilder().Fmt(0xFFFE, 1, 16_000, 16).Data(pcm).Build(), "Its WAVE_FORMAT_EXTENSIBLE fmt chunk is too short to name a sub-format." },
            { "streamed data before fmt", new WavBuilder().Data(pcm, declaredSize: 0xFFFF_FFFF).Fmt(1, 1, 16_000, 16).Build(), NoFmt },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Rejects_a_malformed_file_with_a_message_that_says_what_is_wrong(string name, byte[] bytes, string expected)
    {
        var error = Should.Throw<WavFormatException>(() =>
        {
            using var reader = WavReader.Open(new MemoryStream(bytes));
            ReadAll(reader);
        });

        error.Message.ShouldBe(expected, customMessage: name);
    }

    [Fact]
    public void Rejects_an_extensible_file_with_an_unknown_sub_format()
    {
        var bytes = new WavBuilder().FmtExtensible(1, 1, 16_000, 16, 16).Data(new byte[4]).Build();
        bytes[58] ^= 0xFF; // the sub-format GUID starts at byte 44; its fixed suffix runs from 46 to 59

        var error = Should.Throw<WavFormatException>(() => WavReader.Open(new MemoryStream(bytes)));

        error.Message.ShouldBe("It is WAVE_FORMAT_EXTENSIBLE with an unsupported sub-format; only PCM and IEEE float can be played.");
    }

    [Fact]
    public void A_data_chunk_cut_short_plays_the_samples_that_are_there()
    {
        var bytes = WavBuilder.Create(Sine(1_000), 16_000);

        using var reader = WavReader.Open(new MemoryStream(bytes[..^100]));

        ReadAll(reader).Length.ShouldBe(1_000 - 50);
    }

    [Fact]
    public void Every_real_speech_file_in_the_shared_folder_that_is_wav_parses()
    {
        var clips = SpeechCorpus.Clips().Where(clip => clip.Audio.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).ToList();
        clips.Count.ShouldBeGreaterThan(100);

        foreach (var clip in clips)
        {
            using var reader = WavReader.Open(clip.FullPath);
            reader.Format.SampleRate.ShouldBe(clip.SampleRate, clip.Audio);
            var seconds = (double)reader.FrameCount / reader.Format.SampleRate;
            seconds.ShouldBe(clip.Duration, 0.01, clip.Audio);
        }
    }

    private static float[] Sine(int count) =>
        Enumerable.Range(0, count).Select(i => (float)(0.5 * Math.Sin(i * 0.1))).ToArray();

    private static float[] ReadAll(WavReader reader)
    {
        var all = new List<float>();
        var buffer = new float[3];
        int read;
        while ((read = reader.ReadMono(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }
}
