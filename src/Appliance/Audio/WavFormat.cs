namespace LiveStt.Appliance.Audio;

/// <summary>The decoded "fmt " chunk of a WAV file.</summary>
/// <param name="BlockAlign">Bytes per sample frame (all channels).</param>
public sealed record WavFormat(WavSampleEncoding Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign)
{
    public override string ToString()
    {
        var kind = Encoding == WavSampleEncoding.Pcm ? "PCM" : "float";
        var layout = Channels switch
        {
            1 => "mono",
            2 => "stereo",
            _ => $"{Channels} channels",
        };
        return $"{kind} {BitsPerSample}-bit, {SampleRate} Hz, {layout}";
    }
}
