namespace LiveStt.Appliance.Audio;

/// <summary>What the caption session hears from its input (GET /api/status, <c>session.input</c>).</summary>
/// <param name="Kind">wav, alsa or stream.</param>
/// <param name="Description">The file, the ALSA device or the stream URL (its secrets masked).</param>
/// <param name="State">connecting, receiving, no-audio or stopped (<see cref="AudioInputStates"/>).</param>
/// <param name="Reason">Why there is no audio, or null.</param>
/// <param name="LevelDbfs">
/// Loudness of the last 100 ms: RMS in dB relative to a full-scale sine (AES17), so a sine peaking at -20 dBFS reads
/// -20; -120 for digital silence; null before any audio.
/// </param>
/// <param name="PeakDbfs">The largest sample of the last 100 ms, in dB relative to full scale; null before any audio.</param>
/// <param name="Clipping">100 ms blocks that held a sample at full scale.</param>
/// <param name="Reconnects">Times the input was started again after it was lost or could not be opened.</param>
/// <param name="Xruns">Overruns the capture device recovered from.</param>
/// <param name="GapMs">Audio lost to outages of a live input, in total (what an overrun loses, ALSA does not say).</param>
public sealed record AudioInputStatus(
    string Kind,
    string Description,
    string State,
    string? Reason,
    double? LevelDbfs,
    double? PeakDbfs,
    long Clipping,
    long Reconnects,
    long Xruns,
    long GapMs);
