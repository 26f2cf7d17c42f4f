namespace LiveStt.ModelGenerator;

/// <summary>Storage type of the large weight matrices (biases, norms and positional embeddings stay f32).</summary>
public enum ModelWeightType
{
    /// <summary>
    /// 32-bit floats; whisper.cpp ftype 0. The whisper.cpp build Whisper.net ships aborts on f32 convolution
    /// kernels, so the appliance refuses such files: this type is for testing that refusal.
    /// </summary>
    F32 = 0,

    /// <summary>16-bit floats; whisper.cpp ftype 1, as the published models are stored.</summary>
    F16 = 1,
}
