namespace LiveStt.ModelGenerator;

/// <summary>How a tensor's values are initialised.</summary>
internal enum TensorFill
{
    /// <summary>Uniform noise with the variance of a 1/sqrt(fan-in) normal init, so activations stay near unit scale.</summary>
    FanInScaled,

    /// <summary>Small noise (std 0.02), as token and learned positional embeddings are initialised.</summary>
    Embedding,

    /// <summary>Sinusoidal positions, as whisper's encoder uses.</summary>
    Sinusoid,

    /// <summary>All ones: layer-norm gains.</summary>
    Ones,

    /// <summary>All zeros: biases and layer-norm shifts.</summary>
    Zeros,

    /// <summary>Token embeddings with a steering channel, see <see cref="OutputSteering"/>.</summary>
    TokenEmbedding,

    /// <summary>Gains of the decoder's final norm: ones, except the steering channel.</summary>
    FinalNormGain,

    /// <summary>Shift of the decoder's final norm: zeros, except the steering channel.</summary>
    FinalNormShift,
}

/// <summary>One named tensor as whisper.cpp's loader expects it; <see cref="Dimensions"/> is ggml order (innermost first).</summary>
internal sealed record TensorSpec(string Name, int[] Dimensions, bool UsesWeightType, TensorFill Fill, int FanIn = 0)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, dimension) => product * dimension);
}
