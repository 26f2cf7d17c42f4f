namespace LiveStt.ModelGenerator;

/// <summary>Storage type of the large weight matrices (biases, norms and positional embeddings stay f32).</summary>
public enum ModelWeightType
{
    /// <summary>32-bit floats; whisper.cpp ftype 0.</summary>
    F32 = 0,

    /// <summary>16-bit floats; whisper.cpp ftype 1. Halves the file and matches the published f16 models.</summary>
    F16 = 1,
}
