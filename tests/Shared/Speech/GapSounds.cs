namespace LiveStt.Tests.Speech;

/// <summary>What a church's feed carries between speech: hiss, the room's rumble, the organ.</summary>
internal static class GapSounds
{
    /// <summary>White noise at <paramref name="dbfs"/> RMS: a desk's hiss when nothing is open.</summary>
    public static float[] Hiss(int samples, double dbfs, int seed)
    {
        var random = new Random(seed);
        var audio = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            audio[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return ScaleTo(audio, dbfs);
    }

    /// <summary>Pink noise (power falling 3 dB an octave, Paul Kellet's filter) at <paramref name="dbfs"/> RMS: room noise.</summary>
    public static float[] Pink(int samples, double dbfs, int seed)
    {
        var random = new Random(seed);
        var audio = new float[samples];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (var i = 0; i < samples; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            b0 = (0.99886 * b0) + (white * 0.0555179);
            b1 = (0.99332 * b1) + (white * 0.0750759);
            b2 = (0.96900 * b2) + (white * 0.1538520);
            b3 = (0.86650 * b3) + (white * 0.3104856);
            b4 = (0.55000 * b4) + (white * 0.5329522);
            b5 = (-0.7616 * b5) - (white * 0.0168980);
            audio[i] = (float)(b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362));
            b6 = white * 0.115926;
        }

        return ScaleTo(audio, dbfs);
    }

    /// <summary>
    /// Held chords of organ-like tones (each note a fundamental and three harmonics), changing every second, at
    /// <paramref name="dbfs"/> RMS: music with no voice in it.
    /// </summary>
    public static float[] Chords(int samples, double dbfs, int seed)
    {
        // C major, F major, G major, A minor: MIDI notes of each triad, an octave doubled.
        int[][] chords = [[48, 60, 64, 67], [53, 65, 69, 72], [55, 67, 71, 74], [57, 69, 72, 76]];
        var audio = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            var chord = chords[(seed + (i / 16_000)) % chords.Length];
            var t = i / 16_000.0;
            var value = 0.0;
            foreach (var note in chord)
            {
                var frequency = 440 * Math.Pow(2, (note - 69) / 12.0);
                for (var harmonic = 1; harmonic <= 4; harmonic++)
                {
                    value += Math.Sin(2 * Math.PI * frequency * harmonic * t) / harmonic;
                }
            }

            // A soft attack on each chord, as an organ's pipes speak.
            var sinceChange = (i % 16_000) / 16_000.0;
            audio[i] = (float)(value * Math.Min(1, sinceChange * 20));
        }

        return ScaleTo(audio, dbfs);
    }

    private static float[] ScaleTo(float[] audio, double dbfs)
    {
        var power = 0.0;
        foreach (var sample in audio)
        {
            power += (double)sample * sample;
        }

        var gain = Math.Pow(10, dbfs / 20) / Math.Sqrt(power / audio.Length);
        for (var i = 0; i < audio.Length; i++)
        {
            audio[i] = (float)(audio[i] * gain);
        }

        return audio;
    }
}
