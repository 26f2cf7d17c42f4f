namespace LiveStt.Appliance.Apis;

/// <summary>The whisper library as loaded (see <see cref="Transcription.WhisperRuntimeInfo"/>), or why it could not be.</summary>
public sealed record WhisperStatus(
    string? Binding,
    string? Version,
    string? Runtime,
    string? LibraryPath,
    string? Backend,
    string? SystemInfo,
    string? Error);
