using Microsoft.Win32.SafeHandles;

namespace LiveStt.Appliance.Interop.WhisperVad;

/// <summary>A <c>whisper_vad_context*</c>, freed with <c>whisper_vad_free</c> of the library that made it.</summary>
internal sealed class SafeVadContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly WhisperVadLibrary? library;

    public SafeVadContextHandle()
        : base(ownsHandle: true)
    {
    }

    public SafeVadContextHandle(nint context, WhisperVadLibrary library)
        : base(ownsHandle: true)
    {
        this.library = library;
        SetHandle(context);
    }

    protected override bool ReleaseHandle()
    {
        library?.Free(handle);
        return true;
    }
}
