using System.Numerics;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Streaming sample-rate converter: a Kaiser-windowed sinc low-pass evaluated as a polyphase FIR at
/// each output instant. The cut-off sits below the lower of the two Nyquist frequencies, so content the
/// output rate cannot represent is filtered out instead of folding back as aliases.
/// </summary>
/// <remarks>
/// State carries across <see cref="Process"/> calls, so audio fed in any chunking gives the same output.
/// Output lags input by half the filter length; <see cref="Flush"/> drains that tail at the end of a stream.
/// </remarks>
public sealed class WindowedSincResampler
{
    /// <summary>Stop-band attenuation the filter is designed for.</summary>
    public const double StopbandAttenuationDb = 80;

    /// <summary>The pass band ends at this fraction of the lower Nyquist frequency; the stop band starts at Nyquist.</summary>
    private const double PassbandFraction = 0.9;

    /// <summary>Above this many phases the table is sampled this finely and interpolated instead of exact.</summary>
    private const int MaxTablePhases = 1024;

    private readonly long phases;
    private readonly long step;
    private readonly int halfTaps;
    private readonly int tableRows;
    private readonly float[] table;
    private readonly bool passThrough;

    private float[] history;
    private int historyCount;
    private long historyStart;
    private long inputCount;
    private long nextIndex;
    private long nextPhase;
    private bool flushed;

    public WindowedSincResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        phases = outputRate / divisor;
        step = inputRate / divisor;
        passThrough = inputRate == outputRate;

        var nyquist = Math.Min(inputRate, outputRate) / 2.0;
        var transitionHz = (1 - PassbandFraction) * nyquist;
        var cutoffHz = nyquist - (transitionHz / 2);

        // Kaiser's estimates: taps for the attenuation over the transition width, and the window's shape.
        var transitionRadians = 2 * Math.PI * transitionHz / inputRate;
        var taps = (StopbandAttenuationDb - 8) / (2.285 * transitionRadians);
        halfTaps = passThrough ? 0 : Math.Max(2, (int)Math.Ceiling(taps / 2));
        var beta = 0.1102 * (StopbandAttenuationDb - 8.7);

        tableRows = phases <= MaxTablePhases ? (int)phases : MaxTablePhases;
        table = passThrough ? [] : BuildTable(tableRows, halfTaps, cutoffHz / inputRate, beta);

        // Samples before the start of the stream are silence.
        history = new float[Math.Max(4096, 4 * halfTaps)];
        historyCount = halfTaps;
        historyStart = -halfTaps;
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>Half the filter length in input samples: how far output lags input.</summary>
    public int HalfTaps => halfTaps;

    /// <summary>The most samples one <see cref="Process"/> call over <paramref name="inputLength"/> samples can produce.</summary>
    public int GetMaxOutputLength(int inputLength) =>
        (int)(((inputLength + (long)halfTaps + 1) * phases / step) + 2);

    /// <summary>Converts the next run of input; writes what can be computed so far.</summary>
    /// <returns>The number of samples written to <paramref name="destination"/>.</returns>
    public int Process(ReadOnlySpan<float> input, Span<float> destination)
    {
        if (flushed)
        {
            throw new InvalidOperationException("The resampler has been flushed; create a new one for a new stream.");
        }

        if (passThrough)
        {
            input.CopyTo(destination);
            inputCount += input.Length;
            return input.Length;
        }

        Append(input);
        inputCount += input.Length;
        return Produce(destination, limit: inputCount);
    }

    /// <summary>Ends the stream: writes the remaining output, as if silence followed the last sample.</summary>
    /// <remarks>Over a whole stream the output holds ceil(inputLength * outputRate / inputRate) samples.</remarks>
    public int Flush(Span<float> destination)
    {
        if (flushed)
        {
            return 0;
        }

        flushed = true;
        if (passThrough)
        {
            return 0;
        }

        Span<float> silence = stackalloc float[Math.Min(halfTaps + 1, 1024)];
        var appended = 0;
        while (appended < halfTaps + 1)
        {
            var count = Math.Min(silence.Length, halfTaps + 1 - appended);
            Append(silence[..count]);
            appended += count;
        }

        return Produce(destination, limit: inputCount);
    }

    private void Append(ReadOnlySpan<float> input)
    {
        // Drop the history no output can reach any more.
        var firstNeeded = nextIndex - halfTaps + 1;
        var discard = (int)Math.Clamp(firstNeeded - historyStart, 0, historyCount);
        if (discard > 0)
        {
            Array.Copy(history, discard, history, 0, historyCount - discard);
            historyCount -= discard;
            historyStart += discard;
        }

        if (historyCount + input.Length > history.Length)
        {
            Array.Resize(ref history, Math.Max(history.Length * 2, historyCount + input.Length));
        }

        input.CopyTo(history.AsSpan(historyCount));
        historyCount += input.Length;
    }

    private int Produce(Span<float> destination, long limit)
    {
        var written = 0;
        var available = historyStart + historyCount;
        var taps = 2 * halfTaps;
        while (nextIndex < limit && nextIndex + halfTaps < available && written < destination.Length)
        {
            // Output n sits at input position n*step/phases = nextIndex + nextPhase/phases; the taps
            // cover input samples nextIndex-halfTaps+1 .. nextIndex+halfTaps.
            var samples = history.AsSpan((int)(nextIndex - halfTaps + 1 - historyStart), taps);
            float value;
            if (tableRows == phases)
            {
                value = Dot(samples, table.AsSpan((int)nextPhase * taps, taps));
            }
            else
            {
                var position = (double)nextPhase * tableRows / phases;
                var row = (int)position;
                var weight = (float)(position - row);
                var lower = Dot(samples, table.AsSpan(row * taps, taps));
                var upper = Dot(samples, table.AsSpan((row + 1) * taps, taps));
                value = lower + (weight * (upper - lower));
            }

            destination[written++] = value;
            nextPhase += step;
            nextIndex += nextPhase / phases;
            nextPhase %= phases;
        }

        if (nextIndex < limit && nextIndex + halfTaps < available)
        {
            throw new ArgumentException("The destination is too small; size it with GetMaxOutputLength.", nameof(destination));
        }

        return written;
    }

    private static float Dot(ReadOnlySpan<float> samples, ReadOnlySpan<float> coefficients)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var accumulator = Vector<float>.Zero;
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                accumulator += new Vector<float>(samples[i..]) * new Vector<float>(coefficients[i..]);
            }

            sum = Vector.Sum(accumulator);
        }

        for (; i < samples.Length; i++)
        {
            sum += samples[i] * coefficients[i];
        }

        return sum;
    }

    /// <summary>
    /// Row r holds the taps for an output that falls r/rows of the way from one input sample to the next;
    /// an extra last row (a whole sample on) lets interpolation reach the end of the range.
    /// </summary>
    private static float[] BuildTable(int rows, int halfTaps, double normalizedCutoff, double beta)
    {
        var taps = 2 * halfTaps;
        var table = new float[(rows + 1) * taps];
        var windowNorm = BesselI0(beta);
        var coefficients = new double[taps];
        for (var row = 0; row <= rows; row++)
        {
            var fraction = (double)row / rows;
            var sum = 0.0;
            for (var tap = 0; tap < taps; tap++)
            {
                // Distance, in input samples, from the output instant to the input sample this tap weights.
                var distance = fraction - (tap - halfTaps + 1);
                var coefficient = 0.0;
                if (Math.Abs(distance) < halfTaps)
                {
                    var x = 2 * normalizedCutoff * distance;
                    var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                    var ratio = distance / halfTaps;
                    var window = BesselI0(beta * Math.Sqrt(1 - (ratio * ratio))) / windowNorm;
                    coefficient = 2 * normalizedCutoff * sinc * window;
                }

                coefficients[tap] = coefficient;
                sum += coefficient;
            }

            // Unity gain at DC for every phase, so a constant input gives a constant output.
            for (var tap = 0; tap < taps; tap++)
            {
                table[(row * taps) + tap] = (float)(coefficients[tap] / sum);
            }
        }

        return table;
    }

    private static double BesselI0(double x)
    {
        // Power series; converges quickly for the window's arguments (beta is under 10).
        var sum = 1.0;
        var term = 1.0;
        var halfX = x / 2;
        for (var k = 1; k < 64; k++)
        {
            term *= halfX / k;
            var squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
