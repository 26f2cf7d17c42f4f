namespace LiveStt.Appliance.Transcription;

/// <param name="Version">whisper_version(), e.g. 1.9.5.</param>
/// <param name="Backend">CPU or CUDA, from the devices ggml registered.</param>
/// <param name="SystemInfo">whisper_print_system_info(): the CPU features compiled in.</param>
public sealed record WhisperRuntimeInfo(string Version, string Backend, string SystemInfo);
