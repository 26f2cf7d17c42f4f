using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// A live input in NAudio's recording shape: <see cref="IWaveIn.StartRecording"/> opens it (throwing
/// <see cref="AudioSourceException"/> with a reason a volunteer can act on), <see cref="IWaveIn.DataAvailable"/> hands
/// over what was captured in <see cref="IWaveIn.WaveFormat"/> on the capture's own thread, and
/// <see cref="IWaveIn.RecordingStopped"/> says when and why it ended. One instance is one connection: a source that
/// reconnects makes a new one.
/// </summary>
public interface ILiveCapture : IWaveIn
{
    /// <summary>Overruns the capture recovered from: audio the device had to throw away because it was not read in time.</summary>
    long Overruns { get; }
}
