using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop;

/// <summary>Owns a <c>whisper_full_params*</c> from <c>whisper_full_default_params_by_ref</c>; freed with <c>whisper_free_params</c>.</summary>
internal sealed class SafeWhisperFullParamsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperFullParamsHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_free_params(handle);
        return true;
    }
}
