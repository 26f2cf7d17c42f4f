using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop;

/// <summary>Owns a <c>whisper_context*</c>; releasing it calls <c>whisper_free</c>, which also frees the default state.</summary>
internal sealed class SafeWhisperContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_free(handle);
        return true;
    }
}
