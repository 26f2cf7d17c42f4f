using LiveStt.Appliance.Audio;
using NAudio.Wave;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>
/// One connection of a fake live input: it fails to open, or delivers its blocks (16 kHz mono 16-bit) on a thread
/// of its own and then ends, fails, or goes quiet without ending (a pulled cable). A null block is a pause of 300 ms.
/// </summary>
internal sealed class ScriptedCapture : ILiveCapture
{
    private readonly Thread thread;
    private volatile bool stopping;

    private ScriptedCapture(string? openFailure, IReadOnlyList<byte[]?> blocks, Exception? endsWith, bool goesQuiet)
    {
        OpenFailure = openFailure;
        thread = new Thread(() =>
        {
            foreach (var block in blocks)
            {
                if (stopping)
                {
                    break;
                }

                if (block is null)
                {
                    Thread.Sleep(300);
                    continue;
                }

                DataAvailable?.Invoke(this, new WaveInEventArgs(block, block.Length));
            }

            while (goesQuiet && !stopping)
            {
                Thread.Sleep(5);
            }

            RecordingStopped?.Invoke(this, new StoppedEventArgs(stopping ? null : endsWith));
        });
    }

    public event EventHandler<WaveInEventArgs>? DataAvailable;

    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    public string? OpenFailure { get; }

    public WaveFormat WaveFormat { get; set; } = new(16_000, 16, 1);

    public long Overruns { get; init; }

    public bool Stopped => stopping;

    public static ScriptedCapture FailsToOpen(string reason) => new(reason, [], null, goesQuiet: false);

    public static ScriptedCapture Delivers(IReadOnlyList<byte[]?> blocks, Exception? endsWith = null, bool goesQuiet = false) =>
        new(null, blocks, endsWith, goesQuiet);

    /// <summary>16-bit blocks of 100 ms, each sample counting up from <paramref name="first"/> so positions can be checked.</summary>
    public static IReadOnlyList<byte[]> Counting(int blocks, short first = 1) =>
        [.. Enumerable.Range(0, blocks).Select(b => Enumerable.Range(0, 1_600).SelectMany(i => BitConverter.GetBytes((short)(first + (b * 1_600) + i))).ToArray())];

    public void StartRecording()
    {
        if (OpenFailure is not null)
        {
            throw new AudioSourceException(OpenFailure);
        }

        thread.Start();
    }

    public void StopRecording()
    {
        stopping = true;
        if (thread.IsAlive && Thread.CurrentThread != thread)
        {
            thread.Join();
        }
    }

    public void Dispose() => StopRecording();
}
