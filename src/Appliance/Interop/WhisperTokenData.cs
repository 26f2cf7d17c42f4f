using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>Mirror of <c>whisper_token_data</c> from whisper.h 1.9.5 (56 bytes on LP64); times in centiseconds.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperTokenData
{
    public int Id;
    public int Tid;
    public float P;
    public float PLog;
    public float Pt;
    public float PtSum;
    public long T0;
    public long T1;
    public long TDtw;
    public float VLen;
}
