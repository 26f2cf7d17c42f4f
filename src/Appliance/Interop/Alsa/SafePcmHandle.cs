using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>An open snd_pcm_t, closed with snd_pcm_close.</summary>
internal sealed class SafePcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafePcmHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibAsound.snd_pcm_close(handle) >= 0;
}
