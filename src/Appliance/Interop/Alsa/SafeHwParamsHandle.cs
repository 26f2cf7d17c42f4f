using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>A snd_pcm_hw_params_t from snd_pcm_hw_params_malloc, freed with snd_pcm_hw_params_free.</summary>
internal sealed class SafeHwParamsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeHwParamsHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibAsound.snd_pcm_hw_params_free(handle);
        return true;
    }
}
