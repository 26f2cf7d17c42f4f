using LiveStt.Appliance.Interop.Alsa;

namespace LiveStt.Appliance.Audio;

/// <summary>The capture devices ALSA knows: every card's devices and the PCMs its configuration defines.</summary>
internal sealed class AlsaDeviceCatalog : IAudioDeviceCatalog
{
    public IReadOnlyList<AudioDevice> CaptureDevices()
    {
        try
        {
            return [.. AlsaDeviceHints.CaptureDevices().Select(device => new AudioDevice(device.Name, device.Description, device.Card))];
        }
        catch (AlsaException ex)
        {
            throw new AudioSourceException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new AudioSourceException("ALSA's library (libasound.so.2) is not installed on this box.", ex);
        }
    }
}
