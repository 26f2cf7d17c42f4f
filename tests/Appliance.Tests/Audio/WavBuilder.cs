using System.Buffers.Binary;
using System.Text;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>Writes WAV files byte by byte, including the broken ones the reader must reject.</summary>
internal sealed class WavBuilder
{
    private readonly List<(string Id, byte[] Body, uint? DeclaredSize, bool Pad)> chunks = [];

    public WavBuilder Chunk(string id, byte[] body, uint? declaredSize = null, bool pad = true)
    {
        chunks.Add((id, body, declaredSize, pad));
        return this;
    }

    public WavBuilder Fmt(ushort formatTag, int channels, int sampleRate, int bits, int? blockAlign = null)
    {
        var align = blockAlign ?? channels * bits / 8;
        var body = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", body);
    }

    public WavBuilder FmtExtensible(ushort subFormatTag, int channels, int sampleRate, int bits, int validBits)
    {
        var align = channels * bits / 8;
        var body = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), channels == 1 ? 0x4u : 0x3u);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(24), subFormatTag);
        byte[] suffix = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        suffix.CopyTo(body, 26);
        return Chunk("fmt ", body);
    }

    public WavBuilder Data(byte[] samples, uint? declaredSize = null) => Chunk("data", samples, declaredSize);

    public byte[] Build(uint? riffSize = null)
    {
        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        Span<byte> size = stackalloc byte[4];
        foreach (var (id, body, declared, pad) in chunks)
        {
            stream.Write(Encoding.ASCII.GetBytes(id));
            BinaryPrimitives.WriteUInt32LittleEndian(size, declared ?? (uint)body.Length);
            stream.Write(size);
            stream.Write(body);
            if (pad && body.Length % 2 == 1)
            {
                stream.WriteByte(0);
            }
        }

        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), riffSize ?? (uint)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>A plain, well-formed file.</summary>
    public static byte[] Create(float[] interleaved, int sampleRate, int channels = 1, WavSampleEncoding encoding = WavSampleEncoding.Pcm, int bits = 16)
    {
        var tag = encoding == WavSampleEncoding.Pcm ? (ushort)1 : (ushort)3;
        return new WavBuilder()
            .Fmt(tag, channels, sampleRate, bits)
            .Data(Encode(interleaved, encoding, bits))
            .Build();
    }

    public static byte[] Encode(float[] interleaved, WavSampleEncoding encoding, int bits)
    {
        var width = bits / 8;
        var bytes = new byte[interleaved.Length * width];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var span = bytes.AsSpan(i * width, width);
            var value = Math.Clamp(interleaved[i], -1f, 1f);
            if (encoding == WavSampleEncoding.IeeeFloat)
            {
                if (bits == 32)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(span, interleaved[i]);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(span, interleaved[i]);
                }

                continue;
            }

            switch (bits)
            {
                case 8:
                    span[0] = (byte)Math.Clamp((int)Math.Round((value * 128) + 128), 0, 255);
                    break;
                case 16:
                    BinaryPrimitives.WriteInt16LittleEndian(span, (short)Math.Clamp(Math.Round(value * 32768), short.MinValue, short.MaxValue));
                    break;
                case 24:
                    var v24 = (int)Math.Clamp(Math.Round(value * 8388608), -8388608, 8388607);
                    span[0] = (byte)v24;
                    span[1] = (byte)(v24 >> 8);
                    span[2] = (byte)(v24 >> 16);
                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(Math.Round(value * 2147483648.0), int.MinValue, int.MaxValue));
                    break;
            }
        }

        return bytes;
    }
}
