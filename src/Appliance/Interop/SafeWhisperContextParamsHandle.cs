using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop;

/// <summary>Owns a <c>whisper_context_params*</c> from <c>whisper_context_default_params_by_ref</c>; freed with <c>whisper_free_context_params</c>.</summary>
internal sealed class SafeWhisperContextParamsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperContextParamsHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_free_context_params(handle);
        return true;
    }
}
