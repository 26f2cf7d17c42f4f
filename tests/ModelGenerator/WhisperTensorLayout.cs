namespace LiveStt.ModelGenerator;

/// <summary>The full tensor list of a whisper model with the names and shapes whisper.cpp 1.9's loader requires.</summary>
internal static class WhisperTensorLayout
{
    public static IReadOnlyList<TensorSpec> For(WhisperModelShape shape)
    {
        var width = shape.Width;
        var tensors = new List<TensorSpec>
        {
            new("encoder.positional_embedding", [width, shape.AudioContext], false, TensorFill.Sinusoid),
            new("encoder.conv1.weight", [3, shape.MelBands, width], true, TensorFill.FanInScaled, 3 * shape.MelBands),
            new("encoder.conv1.bias", [1, width], false, TensorFill.Zeros),
            new("encoder.conv2.weight", [3, width, width], true, TensorFill.FanInScaled, 3 * width),
            new("encoder.conv2.bias", [1, width], false, TensorFill.Zeros),
            new("encoder.ln_post.weight", [width], false, TensorFill.Ones),
            new("encoder.ln_post.bias", [width], false, TensorFill.Zeros),
        };

        for (var layer = 0; layer < shape.AudioLayers; layer++)
        {
            AddAttention(tensors, $"encoder.blocks.{layer}.attn", width);
            AddFeedForward(tensors, $"encoder.blocks.{layer}", width);
        }

        tensors.Add(new("decoder.positional_embedding", [width, shape.TextContext], false, TensorFill.Embedding));
        tensors.Add(new("decoder.token_embedding.weight", [width, shape.VocabularySize], true, TensorFill.TokenEmbedding));
        tensors.Add(new("decoder.ln.weight", [width], false, TensorFill.FinalNormGain));
        tensors.Add(new("decoder.ln.bias", [width], false, TensorFill.FinalNormShift));

        for (var layer = 0; layer < shape.TextLayers; layer++)
        {
            AddAttention(tensors, $"decoder.blocks.{layer}.attn", width);
            AddAttention(tensors, $"decoder.blocks.{layer}.cross_attn", width);
            AddFeedForward(tensors, $"decoder.blocks.{layer}", width);
        }

        return tensors;
    }

    private static void AddAttention(List<TensorSpec> tensors, string prefix, int width)
    {
        tensors.Add(new($"{prefix}_ln.weight", [width], false, TensorFill.Ones));
        tensors.Add(new($"{prefix}_ln.bias", [width], false, TensorFill.Zeros));
        tensors.Add(new($"{prefix}.query.weight", [width, width], true, TensorFill.FanInScaled, width));
        tensors.Add(new($"{prefix}.query.bias", [width], false, TensorFill.Zeros));
        // Whisper's key projection has no bias.
        tensors.Add(new($"{prefix}.key.weight", [width, width], true, TensorFill.FanInScaled, width));
        tensors.Add(new($"{prefix}.value.weight", [width, width], true, TensorFill.FanInScaled, width));
        tensors.Add(new($"{prefix}.value.bias", [width], false, TensorFill.Zeros));
        tensors.Add(new($"{prefix}.out.weight", [width, width], true, TensorFill.FanInScaled, width));
        tensors.Add(new($"{prefix}.out.bias", [width], false, TensorFill.Zeros));
    }

    private static void AddFeedForward(List<TensorSpec> tensors, string prefix, int width)
    {
        tensors.Add(new($"{prefix}.mlp_ln.weight", [width], false, TensorFill.Ones));
        tensors.Add(new($"{prefix}.mlp_ln.bias", [width], false, TensorFill.Zeros));
        tensors.Add(new($"{prefix}.mlp.0.weight", [width, 4 * width], true, TensorFill.FanInScaled, width));
        tensors.Add(new($"{prefix}.mlp.0.bias", [4 * width], false, TensorFill.Zeros));
        tensors.Add(new($"{prefix}.mlp.2.weight", [4 * width, width], true, TensorFill.FanInScaled, 4 * width));
        tensors.Add(new($"{prefix}.mlp.2.bias", [width], false, TensorFill.Zeros));
    }
}
