namespace LiveStt.ModelGenerator;

/// <summary>
/// Shapes the output of a random model so a demo shows a stream of word-like tokens.
/// </summary>
/// <remarks>
/// The decoder's logits are the final hidden state times the token embeddings. With purely random
/// weights the 1501 timestamp tokens together outweigh any single text token, so whisper's timestamp
/// rule fires on almost every step and little text comes out. Channel 0 is reserved as a steering
/// channel: each token's embedding holds a preference there, no larger than its other (random) channels
/// so the decoder's input still tells tokens apart, and the final norm pins the channel to a value
/// (gain 0) that scales preference × <see cref="Offset"/> into every logit on top of the random part.
/// Text tokens are preferred over specials and timestamps, so the timestamps' combined weight rarely
/// beats the best text token, and end-of-text sits a little above text so greedy decoding ends a segment
/// after a few words. The values were tuned by running whisper-cli 1.9.5 on the micro and tiny shapes.
/// </remarks>
internal static class OutputSteering
{
    /// <summary>The hidden channel that carries the preference.</summary>
    public const int Channel = 0;

    /// <summary>Logit added per unit of preference.</summary>
    public const float Offset = 5f;

    /// <summary>Spread of the random part of the logits, independent of the model width.</summary>
    public const double LogitSpread = 0.4;

    private const float TextPreference = 1f;
    private const float EndOfTextPreference = 1.3f;
    private const float SpecialPreference = -0.2f;

    /// <summary>The preference of a token; end-of-text comes right after the <paramref name="textTokenCount"/> text tokens.</summary>
    public static float Preference(long tokenId, int textTokenCount) =>
        tokenId < textTokenCount ? TextPreference
        : tokenId == textTokenCount ? EndOfTextPreference
        : SpecialPreference;
}
