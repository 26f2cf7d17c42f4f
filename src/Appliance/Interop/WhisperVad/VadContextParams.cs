using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop.WhisperVad;

/// <summary>whisper.h's <c>struct whisper_vad_context_params</c> (whisper.cpp 1.8.5): int, bool, int; 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VadContextParams
{
    public int Threads;

    /// <summary>C's <c>bool</c>: one byte, padded to the next int.</summary>
    public byte UseGpu;

    public int GpuDevice;
}
