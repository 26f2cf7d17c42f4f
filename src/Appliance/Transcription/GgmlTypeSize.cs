namespace LiveStt.Appliance.Transcription;

/// <summary>Storage of one ggml tensor type: <see cref="TypeSize"/> bytes hold <see cref="BlockSize"/> elements.</summary>
internal readonly record struct GgmlTypeSize(long BlockSize, long TypeSize);
