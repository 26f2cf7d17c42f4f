using NAudio.Wave;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>
/// An ALSA PCM opened for capture, non-blocking, interleaved, in the best format the device offers: float, then
/// 32-bit, then 16-bit samples; stereo if it has it, else mono; 16 kHz if it has it (no resampling), else 48 or
/// 44.1 kHz, else the rate nearest 48 kHz.
/// </summary>
internal sealed unsafe class AlsaCaptureDevice : IAlsaCaptureDevice
{
    private const uint PeriodMicroseconds = 20_000;
    private const uint BufferMicroseconds = 500_000;

    private static readonly int[] PreferredFormats = [LibAsound.FormatFloatLittleEndian, LibAsound.FormatS32LittleEndian, LibAsound.FormatS16LittleEndian];
    private static readonly uint[] PreferredRates = [16_000, 48_000, 44_100];

    private readonly SafePcmHandle pcm;

    private AlsaCaptureDevice(SafePcmHandle pcm, WaveFormat format)
    {
        this.pcm = pcm;
        Format = format;
    }

    public WaveFormat Format { get; }

    /// <summary>Opens <paramref name="name"/> (e.g. <c>default</c>, <c>plughw:CARD=CODEC,DEV=0</c>) for capture.</summary>
    /// <exception cref="AlsaException">ALSA cannot open or configure it; the message says why.</exception>
    public static AlsaCaptureDevice Open(string name)
    {
        AlsaErrorOutput.Silence();
        var error = LibAsound.snd_pcm_open(out var pcm, name, LibAsound.StreamCapture, LibAsound.NonBlocking);
        if (error < 0)
        {
            pcm.Dispose();
            throw new AlsaException(OpenFailure(name, error), error);
        }

        try
        {
            return new AlsaCaptureDevice(pcm, Configure(pcm, name));
        }
        catch
        {
            pcm.Dispose();
            throw;
        }
    }

    public int Wait(int timeoutMs) => LibAsound.snd_pcm_wait(pcm, timeoutMs);

    public int Read(Span<byte> buffer, int frames)
    {
        fixed (byte* data = buffer)
        {
            var read = LibAsound.snd_pcm_readi(pcm, data, (nuint)frames);
            return read == LibAsound.ErrorAgain ? 0 : (int)read;
        }
    }

    public int Recover(int error) => LibAsound.snd_pcm_recover(pcm, error, silent: 1);

    public void Dispose() => pcm.Dispose();

    private static WaveFormat Configure(SafePcmHandle pcm, string name)
    {
        var status = LibAsound.snd_pcm_hw_params_malloc(out var parameters);
        using (parameters)
        {
            Check(status, name, "allocate its parameters");
            Check(LibAsound.snd_pcm_hw_params_any(pcm, parameters), name, "read its capabilities");
            Check(LibAsound.snd_pcm_hw_params_set_access(pcm, parameters, LibAsound.AccessReadWriteInterleaved), name, "use interleaved reads");

            var format = PreferredFormats.FirstOrDefault(f => LibAsound.snd_pcm_hw_params_test_format(pcm, parameters, f) == 0, -1);
            if (format < 0)
            {
                throw new AlsaException($"The ALSA device '{name}' offers none of the sample formats the appliance reads (float, 32-bit or 16-bit); use its plughw: name, which converts.", 0);
            }

            Check(LibAsound.snd_pcm_hw_params_set_format(pcm, parameters, format), name, "set its sample format");
            // Stereo where the device has it, so that Audio:Channel can pick a side: asked for mono, a plug device would mix.
            var channels = LibAsound.snd_pcm_hw_params_test_channels(pcm, parameters, 2) == 0 ? 2u : 1u;
            Check(LibAsound.snd_pcm_hw_params_set_channels_near(pcm, parameters, ref channels), name, "set its channel count");
            var rate = PreferredRates.FirstOrDefault(r => LibAsound.snd_pcm_hw_params_test_rate(pcm, parameters, r, 0) == 0, 48_000u);
            var direction = 0;
            Check(LibAsound.snd_pcm_hw_params_set_rate_near(pcm, parameters, ref rate, ref direction), name, "set its sample rate");
            var period = PeriodMicroseconds;
            Check(LibAsound.snd_pcm_hw_params_set_period_time_near(pcm, parameters, ref period, ref direction), name, "set its period");
            var buffer = BufferMicroseconds;
            Check(LibAsound.snd_pcm_hw_params_set_buffer_time_near(pcm, parameters, ref buffer, ref direction), name, "set its buffer");
            Check(LibAsound.snd_pcm_hw_params(pcm, parameters), name, "apply its parameters");
            Check(LibAsound.snd_pcm_start(pcm), name, "start capturing");

            if (channels is not (1 or 2))
            {
                throw new AlsaException($"The ALSA device '{name}' captures {channels} channels; only mono and stereo are read. Use its plughw: name, which converts.", 0);
            }

            return format switch
            {
                LibAsound.FormatFloatLittleEndian => WaveFormat.CreateIeeeFloatWaveFormat((int)rate, (int)channels),
                LibAsound.FormatS32LittleEndian => new WaveFormat((int)rate, 32, (int)channels),
                _ => new WaveFormat((int)rate, 16, (int)channels),
            };
        }
    }

    private static void Check(int status, string name, string step)
    {
        if (status < 0)
        {
            throw new AlsaException($"The ALSA device '{name}' could not {step}: {LibAsound.Describe(status)}.", status);
        }
    }

    private static string OpenFailure(string name, int error) => error switch
    {
        -2 => $"ALSA has no capture device '{name}' ({LibAsound.Describe(error)}); check Audio:Device against the devices the box lists (GET /api/audio/devices).",
        -16 => $"The ALSA device '{name}' is busy: another program is capturing from it.",
        -19 => $"ALSA finds no device '{name}' ({LibAsound.Describe(error)}): is it plugged in, and is Audio:Device spelt as GET /api/audio/devices lists it?",
        -13 => $"The appliance may not open the ALSA device '{name}': {LibAsound.Describe(error)}. In a container, pass /dev/snd and the audio group (see docker-compose.yml).",
        _ => $"The ALSA device '{name}' cannot be opened: {LibAsound.Describe(error)}.",
    };
}
