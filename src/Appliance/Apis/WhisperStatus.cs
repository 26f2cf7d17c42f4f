namespace LiveStt.Appliance.Apis;

/// <summary>
/// The whisper library as loaded (see <see cref="Transcription.WhisperRuntimeInfo"/>), or why it could not be: the
/// runtimes asked for, the one loaded, the GPU device it runs on, and why it runs on the CPU where a GPU runtime was
/// there to be used (<see cref="Fallback"/>).
/// </summary>
public sealed record WhisperStatus(
    string? Binding,
    string? Version,
    string? Runtime,
    string? LibraryPath,
    string? Backend,
    string? Device,
    string? SystemInfo,
    IReadOnlyList<string>? RequestedRuntimes,
    string? Fallback,
    string? Error);
