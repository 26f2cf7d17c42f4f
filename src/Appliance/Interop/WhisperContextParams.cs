using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// Mirror of <c>struct whisper_context_params</c> from whisper.h 1.9.5 (48 bytes on LP64).
/// C <c>bool</c> fields are bytes so the struct stays blittable for source-generated marshalling.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperContextParams
{
    public byte UseGpu;
    public byte FlashAttn;
    public int GpuDevice;
    public byte DtwTokenTimestamps;
    public int DtwAheadsPreset;
    public int DtwNTop;
    public WhisperAheads DtwAheads;
    public nuint DtwMemSize;
}

/// <summary>Mirror of <c>struct whisper_aheads</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperAheads
{
    public nuint NHeads;
    public nint Heads;
}
