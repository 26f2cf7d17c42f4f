namespace LiveStt.ModelGenerator;

/// <summary>
/// Triangular mel filters over a 400-point FFT at 16 kHz, the front end whisper's log-mel spectrogram
/// expects. Real values (rather than random ones) keep the encoder input in its usual range.
/// </summary>
internal static class MelFilterBank
{
    /// <summary>Frequency bins of whisper's 400-sample FFT: 400 / 2 + 1.</summary>
    public const int FftBins = 201;

    private const double SampleRate = 16000;

    public static float[] Build(int bands)
    {
        var filters = new float[bands * FftBins];
        var melMax = HertzToMel(SampleRate / 2);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHertz(melMax * i / (bands + 1));
        }

        for (var band = 0; band < bands; band++)
        {
            double low = edges[band], centre = edges[band + 1], high = edges[band + 2];
            // Area normalisation: every filter passes the same energy whatever its width.
            var scale = 2.0 / (high - low);
            for (var bin = 0; bin < FftBins; bin++)
            {
                var hertz = bin * SampleRate / ((FftBins - 1) * 2);
                var rising = (hertz - low) / (centre - low);
                var falling = (high - hertz) / (high - centre);
                var weight = Math.Max(0, Math.Min(rising, falling));
                filters[(band * FftBins) + bin] = (float)(weight * scale);
            }
        }

        return filters;
    }

    private static double HertzToMel(double hertz) => 2595 * Math.Log10(1 + (hertz / 700));

    private static double MelToHertz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
}
