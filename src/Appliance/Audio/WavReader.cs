using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Reads a RIFF/WAVE stream: walks its chunks in any order, skips the ones it does not need (LIST, fact,
/// cue, ...), and decodes the data chunk to mono float samples at the file's own rate.
/// </summary>
/// <remarks>
/// Every way a file can be wrong ends in a <see cref="WavFormatException"/> whose message names the
/// problem; nothing here throws an index or cast error for bad input.
/// </remarks>
public sealed class WavReader : IDisposable
{
    /// <summary>Data chunk sizes that writers leave when they stream and never come back to fix the header.</summary>
    private const uint StreamedSizeZero = 0;
    private const uint StreamedSizeUnknown = 0xFFFF_FFFF;

    private const ushort FormatTagPcm = 0x0001;
    private const ushort FormatTagIeeeFloat = 0x0003;
    private const ushort FormatTagExtensible = 0xFFFE;
    private const int MaxFmtChunkBytes = 4096;
    private const int MinSampleRate = 1_000;
    private const int MaxSampleRate = 768_000;

    /// <summary>Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag.</summary>
    private static ReadOnlySpan<byte> ExtensibleGuidSuffix =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly long dataStart;
    private readonly long? dataLength;
    private readonly int bytesPerSample;
    private byte[] readBuffer = [];
    private long dataPosition;

    private WavReader(Stream stream, bool leaveOpen, WavFormat format, long dataStart, long? dataLength)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Format = format;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
        bytesPerSample = format.BitsPerSample / 8;
    }

    public WavFormat Format { get; }

    /// <summary>Sample frames in the data chunk, or null for a streamed file whose length was never written.</summary>
    public long? FrameCount => dataLength / Format.BlockAlign;

    /// <summary>Whether <see cref="Rewind"/> can go back to the first sample.</summary>
    public bool CanRewind => stream.CanSeek;

    /// <summary>Opens a WAV file for reading.</summary>
    /// <exception cref="WavFormatException">The file is not a WAV file this reader can decode.</exception>
    public static WavReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        try
        {
            return Open(file, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Parses the header of <paramref name="stream"/>, leaving it positioned at the first sample.</summary>
    /// <exception cref="WavFormatException">The stream is not a WAV file this reader can decode.</exception>
    public static WavReader Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new ChunkWalker(stream);
        var (format, dataStart, dataLength) = header.ReadHeader();
        return new WavReader(stream, leaveOpen, format, dataStart, dataLength) { dataPosition = 0 };
    }

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length sample frames, averaging the channels to mono.
    /// </summary>
    /// <returns>The number of frames read; 0 at the end of the data.</returns>
    /// <exception cref="WavFormatException">The data chunk ends before the size its header declares.</exception>
    public int ReadMono(Span<float> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        var blockAlign = Format.BlockAlign;
        var framesWanted = destination.Length;
        if (dataLength is { } length)
        {
            var framesLeft = (length - dataPosition) / blockAlign;
            framesWanted = (int)Math.Min(framesWanted, framesLeft);
        }

        if (framesWanted <= 0)
        {
            return 0;
        }

        var bytesWanted = framesWanted * blockAlign;
        if (readBuffer.Length < bytesWanted)
        {
            readBuffer = new byte[bytesWanted];
        }

        var bytesRead = stream.ReadAtLeast(readBuffer.AsSpan(0, bytesWanted), bytesWanted, throwOnEndOfStream: false);
        if (bytesRead < bytesWanted && dataLength is { } declared)
        {
            throw new WavFormatException(string.Format(
                CultureInfo.InvariantCulture,
                "The WAV file is truncated: its data chunk declares {0} bytes but the file ends after {1}.",
                declared,
                dataPosition + bytesRead));
        }

        // A streamed file may end in the middle of a sample frame; the partial frame is not audio.
        var frames = bytesRead / blockAlign;
        dataPosition += bytesRead;
        Decode(readBuffer.AsSpan(0, frames * blockAlign), destination[..frames]);
        return frames;
    }

    /// <summary>Goes back to the first sample, for looping playback.</summary>
    /// <exception cref="NotSupportedException">The stream cannot seek.</exception>
    public void Rewind()
    {
        if (!stream.CanSeek)
        {
            throw new NotSupportedException("The WAV stream cannot seek, so it cannot be rewound.");
        }

        stream.Position = dataStart;
        dataPosition = 0;
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private void Decode(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        var channels = Format.Channels;
        var scale = 1f / channels;
        var offset = 0;
        for (var frame = 0; frame < destination.Length; frame++)
        {
            var sum = 0f;
            for (var channel = 0; channel < channels; channel++)
            {
                sum += DecodeSample(bytes.Slice(offset, bytesPerSample));
                offset += bytesPerSample;
            }

            destination[frame] = sum * scale;
        }
    }

    private float DecodeSample(ReadOnlySpan<byte> sample)
    {
        if (Format.Encoding == WavSampleEncoding.IeeeFloat)
        {
            var value = bytesPerSample == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(sample)
                : (float)BinaryPrimitives.ReadDoubleLittleEndian(sample);

            // NaN or infinity would poison every filter tap it passes through.
            return float.IsFinite(value) ? value : 0f;
        }

        return bytesPerSample switch
        {
            1 => (sample[0] - 128) / 128f,
            2 => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32_768f,
            3 => ((sample[0] | (sample[1] << 8) | ((sbyte)sample[2] << 16)) / 8_388_608f),
            _ => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2_147_483_648f,
        };
    }

    /// <summary>Walks the RIFF chunks up to the start of the audio.</summary>
    private sealed class ChunkWalker(Stream stream)
    {
        private long position;

        public (WavFormat Format, long DataStart, long? DataLength) ReadHeader()
        {
            Span<byte> riff = stackalloc byte[12];
            var got = stream.ReadAtLeast(riff, riff.Length, throwOnEndOfStream: false);
            position += got;
            if (got < riff.Length)
            {
                throw new WavFormatException($"The file is too short to be a WAV file ({got} bytes).");
            }

            var fourCc = FourCc(riff[..4]);
            if (fourCc is "RF64" or "BW64")
            {
                throw new WavFormatException($"{fourCc} (64-bit WAV) files are not supported; convert to a plain RIFF WAV.");
            }

            if (fourCc != "RIFF")
            {
                throw new WavFormatException($"The file is not a WAV file: it starts with '{Printable(riff[..4])}', not 'RIFF'.");
            }

            if (FourCc(riff[8..12]) != "WAVE")
            {
                throw new WavFormatException($"The RIFF file is not WAVE audio: its form type is '{Printable(riff[8..12])}'.");
            }

            WavFormat? format = null;
            long? pendingDataStart = null;
            long? pendingDataLength = null;
            Span<byte> chunkHeader = stackalloc byte[8];
            while (true)
            {
                got = stream.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false);
                if (got == 0)
                {
                    break;
                }

                if (got < chunkHeader.Length)
                {
                    throw new WavFormatException($"The WAV file is truncated: it ends inside a chunk header at byte {position + got}.");
                }

                var chunkStart = position;
                position += got;
                var id = chunkHeader[..4];
                if (!IsPrintable(id))
                {
                    throw new WavFormatException($"The WAV file is malformed: byte {chunkStart} should start a chunk but holds '{Printable(id)}'.");
                }

                var chunkId = FourCc(id);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
                switch (chunkId)
                {
                    case "fmt ":
                        if (format is not null)
                        {
                            // A second fmt chunk: the first one describes the data.
                            Skip(chunkId, size);
                            break;
                        }

                        format = ReadFormat(size);
                        if (pendingDataStart is { } start)
                        {
                            // The data chunk came first; go back to it now that the format is known.
                            stream.Position = start;
                            return (format, start, pendingDataLength);
                        }

                        break;

                    case "data":
                        var streamed = size is StreamedSizeZero or StreamedSizeUnknown;
                        long? length = streamed ? null : size;
                        if (length is { } declared && stream.CanSeek && declared > stream.Length - position)
                        {
                            throw new WavFormatException(string.Format(
                                CultureInfo.InvariantCulture,
                                "The WAV file is truncated: its data chunk declares {0} bytes but only {1} follow.",
                                declared,
                                stream.Length - position));
                        }

                        if (format is not null)
                        {
                            return (format, stream.CanSeek ? stream.Position : position, length);
                        }

                        if (!stream.CanSeek || streamed)
                        {
                            throw new WavFormatException("The WAV file is malformed: its data chunk comes before the fmt chunk, and the data's end is unknown, so the format cannot be found.");
                        }

                        pendingDataStart = stream.Position;
                        pendingDataLength = length;
                        Skip(chunkId, size);
                        break;

                    default:
                        Skip(chunkId, size);
                        break;
                }
            }

            if (format is null)
            {
                throw new WavFormatException("The WAV file has no fmt chunk, so its sample format is unknown.");
            }

            throw new WavFormatException("The WAV file has no data chunk, so it holds no audio.");
        }

        private WavFormat ReadFormat(uint size)
        {
            if (size < 16)
            {
                throw new WavFormatException($"The WAV file is malformed: its fmt chunk is {size} bytes, fewer than the 16 every format needs.");
            }

            if (size > MaxFmtChunkBytes)
            {
                throw new WavFormatException($"The WAV file is malformed: its fmt chunk claims {size} bytes.");
            }

            var padded = (int)size + (int)(size & 1);
            var body = new byte[padded];
            var got = stream.ReadAtLeast(body, padded, throwOnEndOfStream: false);
            position += got;
            if (got < size)
            {
                throw new WavFormatException("The WAV file is truncated: it ends inside the fmt chunk.");
            }

            var fmt = body.AsSpan(0, (int)size);
            var formatTag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
            var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
            var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
            var bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

            var effectiveTag = formatTag;
            if (formatTag == FormatTagExtensible)
            {
                if (size < 40 || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22)
                {
                    throw new WavFormatException($"The WAV file is malformed: WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk, this one has {size}.");
                }

                var subFormat = fmt.Slice(24, 16);
                if (!subFormat[2..].SequenceEqual(ExtensibleGuidSuffix))
                {
                    throw new WavFormatException($"The WAV file uses WAVE_FORMAT_EXTENSIBLE with an unsupported sub-format {new Guid(subFormat)}; supported: PCM and IEEE float.");
                }

                effectiveTag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
            }

            var encoding = effectiveTag switch
            {
                FormatTagPcm => WavSampleEncoding.Pcm,
                FormatTagIeeeFloat => WavSampleEncoding.IeeeFloat,
                _ => throw new WavFormatException(
                    $"The WAV file's sample format {FormatTagName(effectiveTag)} is not supported; supported: PCM 8/16/24/32-bit integer and IEEE float 32/64-bit."),
            };

            var bitsSupported = encoding == WavSampleEncoding.Pcm
                ? bitsPerSample is 8 or 16 or 24 or 32
                : bitsPerSample is 32 or 64;
            if (!bitsSupported)
            {
                throw new WavFormatException($"The WAV file has {bitsPerSample}-bit {(encoding == WavSampleEncoding.Pcm ? "PCM" : "float")} samples, which are not supported; supported: PCM 8/16/24/32-bit integer and IEEE float 32/64-bit.");
            }

            if (channels is not (1 or 2))
            {
                throw new WavFormatException($"The WAV file has {channels} channels; only mono and stereo are supported.");
            }

            if (sampleRate is < MinSampleRate or > MaxSampleRate)
            {
                throw new WavFormatException($"The WAV file's sample rate {sampleRate} Hz is outside the supported {MinSampleRate}..{MaxSampleRate} Hz.");
            }

            var expectedBlockAlign = channels * (bitsPerSample / 8);
            if (blockAlign != expectedBlockAlign)
            {
                throw new WavFormatException($"The WAV file is malformed: its block align is {blockAlign} bytes, but {channels} channel(s) of {bitsPerSample}-bit samples take {expectedBlockAlign}.");
            }

            return new WavFormat(encoding, channels, (int)sampleRate, bitsPerSample, blockAlign);
        }

        private void Skip(string chunkId, uint size)
        {
            // RIFF pads every odd-sized chunk to an even length.
            var padded = size + (long)(size & 1);
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (padded > remaining && size > remaining)
                {
                    throw new WavFormatException($"The WAV file is truncated: its '{chunkId.TrimEnd()}' chunk declares {size} bytes but only {remaining} follow.");
                }

                stream.Position += Math.Min(padded, remaining);
                position += Math.Min(padded, remaining);
                return;
            }

            var scratch = new byte[Math.Min(padded, 64 * 1024)];
            var left = padded;
            while (left > 0)
            {
                var got = stream.Read(scratch, 0, (int)Math.Min(left, scratch.Length));
                if (got == 0)
                {
                    if (padded - left >= size)
                    {
                        return;
                    }

                    throw new WavFormatException($"The WAV file is truncated: it ends inside its '{chunkId.TrimEnd()}' chunk.");
                }

                left -= got;
                position += got;
            }
        }

        private static string FormatTagName(ushort tag) => tag switch
        {
            0x0002 => "0x0002 (Microsoft ADPCM)",
            0x0006 => "0x0006 (A-law)",
            0x0007 => "0x0007 (mu-law)",
            0x0011 => "0x0011 (IMA ADPCM)",
            0x0055 => "0x0055 (MP3)",
            _ => string.Create(CultureInfo.InvariantCulture, $"0x{tag:X4}"),
        };

        private static string FourCc(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

        private static bool IsPrintable(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b is < 0x20 or > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Printable(ReadOnlySpan<byte> bytes)
        {
            var builder = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                if (b is >= 0x20 and <= 0x7E)
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
                }
            }

            return builder.ToString();
        }
    }
}
