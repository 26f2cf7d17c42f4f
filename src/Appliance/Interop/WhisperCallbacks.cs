using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// The unmanaged entry points whisper calls during a decode. Both read the <see cref="NativeAbortFlag"/>
/// whose pointer was passed as user data; neither allocates nor touches managed objects.
/// </summary>
internal static unsafe class WhisperCallbacks
{
    /// <summary>ggml's abort callback, polled during graph computation: true stops the computation.</summary>
    public static delegate* unmanaged[Cdecl]<nint, byte> Abort => &ShouldAbort;

    /// <summary>Called before each encoder run: false skips the encoder and ends the decode.</summary>
    public static delegate* unmanaged[Cdecl]<nint, nint, nint, byte> EncoderBegin => &ShouldEncode;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(nint userData) => IsRaised(userData) ? (byte)1 : (byte)0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldEncode(nint context, nint state, nint userData) => IsRaised(userData) ? (byte)0 : (byte)1;

    private static bool IsRaised(nint flag) => flag != 0 && Volatile.Read(ref *(int*)flag) != 0;
}
