using System.Buffers.Binary;
using System.Globalization;
using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Reads a WAV file as mono float samples at the file's own rate: NAudio's <see cref="WaveFileReader"/> walks the
/// chunks (in any order, RF64 included) and its sample providers decode the samples and take one channel or mix
/// both. The format is checked here first, so that every file the appliance cannot play ends in a
/// <see cref="WavFormatException"/> that says why, and NAudio's own exceptions never escape.
/// </summary>
/// <remarks>
/// A data chunk that declares more bytes than the file holds plays the samples that are there, as NAudio (and
/// ffmpeg and sox) read it: a recording cut short by a full disk is still worth hearing.
/// </remarks>
public sealed class WavReader : IDisposable
{
    /// <summary>The smallest file that can hold a RIFF header.</summary>
    private const int RiffHeaderBytes = 12;
    private const int MinSampleRate = 1_000;
    private const int MaxSampleRate = 768_000;

    /// <summary>Bytes 2..15 of every sub-format GUID derived from a format tag.</summary>
    private static ReadOnlySpan<byte> TagDerivedGuidSuffix =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly WaveFileReader reader;
    private readonly ISampleProvider mono;

    private WavReader(WaveFileReader reader, WavFormat format, AudioChannel channel)
    {
        this.reader = reader;
        Format = format;
        mono = MonoSampleProvider.From(reader.ToSampleProvider(), channel);
    }

    public WavFormat Format { get; }

    /// <summary>Sample frames in the data chunk.</summary>
    public long FrameCount => reader.Length / Format.BlockAlign;

    /// <summary>Opens a WAV file for reading; stereo files become mono by <paramref name="channel"/>.</summary>
    /// <exception cref="WavFormatException">The file is not a WAV file the appliance can play; the message says why.</exception>
    public static WavReader Open(string path, AudioChannel channel = AudioChannel.Mix)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        try
        {
            return Open(file, channel);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header of a seekable <paramref name="stream"/>, which the reader then owns.</summary>
    /// <exception cref="WavFormatException">The stream is not a WAV file the appliance can play.</exception>
    public static WavReader Open(Stream stream, AudioChannel channel = AudioChannel.Mix)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length < RiffHeaderBytes)
        {
            throw new WavFormatException(Invariant($"It is too short to be a WAV file ({stream.Length} bytes)."));
        }

        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(stream);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new WavFormatException(Explain(stream, ex), ex);
        }

        try
        {
            var format = Describe(reader.WaveFormat);
            return new WavReader(reader, format, channel);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length mono samples.</summary>
    /// <returns>The number of samples read; 0 at the end of the data.</returns>
    public int ReadMono(Span<float> destination) => destination.IsEmpty ? 0 : mono.Read(destination);

    /// <summary>Goes back to the first sample.</summary>
    public void Rewind() => reader.Position = 0;

    public void Dispose() => reader.Dispose();

    /// <summary>The format in the appliance's terms, or why it cannot be played.</summary>
    private static WavFormat Describe(WaveFormat format)
    {
        var tag = (int)format.Encoding;
        if (format.Encoding == WaveFormatEncoding.Extensible)
        {
            tag = ExtensibleSubFormat(format)
                ?? throw new WavFormatException("Its WAVE_FORMAT_EXTENSIBLE fmt chunk is too short to name a sub-format.");
            if (tag is not ((int)WaveFormatEncoding.Pcm or (int)WaveFormatEncoding.IeeeFloat))
            {
                throw new WavFormatException("It is WAVE_FORMAT_EXTENSIBLE with an unsupported sub-format; only PCM and IEEE float can be played.");
            }
        }

        var encoding = tag switch
        {
            (int)WaveFormatEncoding.Pcm => WavSampleEncoding.Pcm,
            (int)WaveFormatEncoding.IeeeFloat => WavSampleEncoding.IeeeFloat,
            _ => throw new WavFormatException(Invariant($"Its sample format 0x{tag:X4} ({format.Encoding}) is not supported; only PCM and IEEE float can be played.")),
        };

        var bits = format.BitsPerSample;
        if (encoding == WavSampleEncoding.Pcm ? bits is not (8 or 16 or 24 or 32) : bits is not (32 or 64))
        {
            throw new WavFormatException(Invariant($"It holds {bits}-bit {(encoding == WavSampleEncoding.Pcm ? "PCM" : "float")} samples, which are not supported (PCM: 8, 16, 24 or 32 bits; float: 32 or 64)."));
        }

        if (format.Channels is not (1 or 2))
        {
            throw new WavFormatException(Invariant($"It has {format.Channels} channels; only mono and stereo can be played."));
        }

        if (format.SampleRate is < MinSampleRate or > MaxSampleRate)
        {
            throw new WavFormatException(Invariant($"Its sample rate {format.SampleRate} Hz is outside {MinSampleRate} to {MaxSampleRate} Hz."));
        }

        if (format.BlockAlign != format.Channels * bits / 8)
        {
            throw new WavFormatException(Invariant($"Its block align is {format.BlockAlign} bytes, but {format.Channels} channel(s) of {bits}-bit samples take {format.Channels * bits / 8}."));
        }

        return new WavFormat(encoding, format.Channels, format.SampleRate, bits, format.BlockAlign);
    }

    /// <summary>
    /// The format tag an extensible format's sub-format GUID stands for, or -1 for a GUID that is not derived from a
    /// tag (KSDATAFORMAT_SUBTYPE_PCM is 00000001-0000-0010-8000-00aa00389b71); null when the chunk holds none.
    /// </summary>
    private static int? ExtensibleSubFormat(WaveFormat format)
    {
        var guid = format switch
        {
            WaveFormatExtensible extensible => extensible.SubFormat.ToByteArray(),
            WaveFormatExtraData { ExtraSize: >= 22 } extra => extra.ExtraData.AsSpan(6, 16).ToArray(),
            _ => null,
        };
        if (guid is null)
        {
            return null;
        }

        return guid.AsSpan(2).SequenceEqual(TagDerivedGuidSuffix) ? BinaryPrimitives.ReadUInt16LittleEndian(guid) : -1;
    }

    /// <summary>NAudio's reason, with the file's first bytes where it is not RIFF audio at all (an MP3, an Ogg file).</summary>
    private static string Explain(Stream stream, Exception error)
    {
        var start = new byte[4];
        stream.Position = 0;
        stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var magic = string.Concat(start.Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : Invariant($"\\x{b:X2}")));
        var reason = error is EndOfStreamException ? "its chunks end before the file says they do" : error.Message.TrimEnd('.');
        return magic is "RIFF" or "RF64"
            ? $"It is not a WAV file that can be read: {reason}."
            : $"It is not a WAV file: it starts with '{magic}', not 'RIFF' ({reason}).";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
