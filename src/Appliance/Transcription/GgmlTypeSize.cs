namespace LiveStt.Appliance.Transcription;

/// <summary>Storage of one ggml tensor type: <see cref="TypeSize"/> bytes hold <see cref="BlockSize"/> elements.</summary>
internal readonly record struct GgmlTypeSize(long BlockSize, long TypeSize)
{
    /// <summary>ggml's F32: the type whisper.cpp 1.8's CPU convolution refuses for its kernels.</summary>
    public const int F32 = 0;

    /// <summary>
    /// The storage of the tensor types whisper.cpp model files use (f32, f16, the legacy and k-quants),
    /// as ggml's type traits define them; null for any other type.
    /// </summary>
    public static GgmlTypeSize? Of(int ggmlType) => ggmlType switch
    {
        0 => new(1, 4),      // F32
        1 => new(1, 2),      // F16
        2 => new(32, 18),    // Q4_0
        3 => new(32, 20),    // Q4_1
        6 => new(32, 22),    // Q5_0
        7 => new(32, 24),    // Q5_1
        8 => new(32, 34),    // Q8_0
        10 => new(256, 84),  // Q2_K
        11 => new(256, 110), // Q3_K
        12 => new(256, 144), // Q4_K
        13 => new(256, 176), // Q5_K
        14 => new(256, 210), // Q6_K
        _ => null,
    };
}
