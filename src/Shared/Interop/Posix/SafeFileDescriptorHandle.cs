using Microsoft.Win32.SafeHandles;

namespace LiveStt.Interop.Posix;

/// <summary>A file descriptor from <see cref="LibC.Open"/>, closed with close(2); -1 (a failed open) is invalid.</summary>
internal sealed class SafeFileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    public SafeFileDescriptorHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LibC.Close(handle) == 0;
}
