using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// A native int that whisper's abort and encoder-begin callbacks read through their user-data pointer.
/// Native memory, not a pinned managed object: the callbacks can read it from any thread without a GCHandle,
/// and it stays valid for as long as the handle is alive.
/// </summary>
internal sealed unsafe class NativeAbortFlag : SafeHandle
{
    public NativeAbortFlag()
        : base(0, ownsHandle: true)
    {
        SetHandle((nint)NativeMemory.AllocZeroed(sizeof(int)));
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The pointer handed to whisper as callback user data.</summary>
    public nint Pointer => handle;

    public bool IsRaised => !IsClosed && Volatile.Read(ref *(int*)handle) != 0;

    /// <summary>Asks the running decode to stop; safe from any thread, and a no-op once the flag is disposed.</summary>
    public void Raise() => Write(1);

    /// <summary>Clears the flag before the next decode.</summary>
    public void Reset() => Write(0);

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }

    private void Write(int value)
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            Volatile.Write(ref *(int*)handle, value);
        }
        catch (ObjectDisposedException)
        {
            // A cancellation that arrives after the transcriber was disposed has nothing left to stop.
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }
}
