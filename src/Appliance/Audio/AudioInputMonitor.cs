namespace LiveStt.Appliance.Audio;

/// <summary>The live state of one source's input, written by the source and read for the status, from different threads.</summary>
internal sealed class AudioInputMonitor(string kind, string description)
{
    private readonly Lock gate = new();
    private readonly InputLevelMeter meter = new();
    private string state = AudioInputStates.Connecting;
    private string? reason;
    private long reconnects;
    private long xruns;
    private long gapMs;

    public AudioInputStatus Snapshot()
    {
        lock (gate)
        {
            return new AudioInputStatus(kind, description, state, reason, Round(meter.LevelDbfs), Round(meter.PeakDbfs), meter.ClippedBlocks, reconnects, xruns, gapMs);
        }
    }

    public void Connecting() => Set(AudioInputStates.Connecting, null);

    public void Receiving() => Set(AudioInputStates.Receiving, null);

    public void NoAudio(string why) => Set(AudioInputStates.NoAudio, why);

    public void Stopped() => Set(AudioInputStates.Stopped, null);

    public void CountReconnect()
    {
        lock (gate)
        {
            reconnects++;
        }
    }

    public void AddOverruns(long count)
    {
        lock (gate)
        {
            xruns += count;
        }
    }

    public void AddGap(long milliseconds)
    {
        lock (gate)
        {
            gapMs += milliseconds;
        }
    }

    public void Measure(ReadOnlySpan<float> samples)
    {
        lock (gate)
        {
            meter.Measure(samples);
        }
    }

    private void Set(string newState, string? why)
    {
        lock (gate)
        {
            state = newState;
            reason = why;
            if (newState != AudioInputStates.Receiving)
            {
                meter.Reset();
            }
        }
    }

    private static double? Round(double? dbfs) => dbfs is { } value ? Math.Round(value, 1) : null;
}
