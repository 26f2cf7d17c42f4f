namespace LiveStt.Appliance.Transcription;

/// <summary>
/// How whisper.cpp decodes: configuration section <c>Whisper</c>. Defaults follow whisper.cpp's own, except
/// that token timestamps are on (captions are timed per word) and threads are capped at four, where
/// whisper's encoder stops getting faster on small boxes.
/// </summary>
public sealed class WhisperOptions
{
    public const string SectionName = "Whisper";

    /// <summary>The folder under <see cref="LibraryPath"/> that Whisper.net searches, as in its runtime packages.</summary>
    public const string RuntimesFolder = "runtimes";

    /// <summary>Most CPU threads a decode may use; more buys nothing and starves the rest of the box.</summary>
    public const int MaxThreads = 64;

    /// <summary>The <see cref="Language"/> that has whisper detect the language of each decode.</summary>
    public const string DetectLanguage = "auto";

    /// <summary>Spoken language as a whisper language code ("en", "de", "es"), or "auto" to detect it per decode.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Translate the speech into English instead of transcribing it in its own language.</summary>
    public bool Translate { get; set; }

    /// <summary>CPU threads for one decode (whisper's n_threads). Default: the number of cores, at most 4.</summary>
    public int Threads { get; set; } = Math.Min(4, Environment.ProcessorCount);

    /// <summary>Force the whole buffer into one segment.</summary>
    public bool SingleSegment { get; set; }

    /// <summary>Compute per-token start and end times (whisper's token_timestamps).</summary>
    public bool TokenTimestamps { get; set; } = true;

    /// <summary>Sampling temperature of the first attempt; 0 decodes greedily.</summary>
    public float Temperature { get; set; }

    /// <summary>
    /// How much the temperature rises on each fallback retry, when a decode looks like a failure by the thresholds
    /// below; 0 turns fallback off (faster, and steadier latency).
    /// </summary>
    public float TemperatureIncrement { get; set; } = 0.2f;

    /// <summary>A segment whose token entropy falls below this is treated as repetitive and decoded again hotter.</summary>
    public float EntropyThreshold { get; set; } = 2.4f;

    /// <summary>A segment whose mean token log-probability is below this is decoded again hotter.</summary>
    public float LogProbThreshold { get; set; } = -1f;

    /// <summary>Probability of the no-speech token above which a window with low log-probability counts as silence.</summary>
    public float NoSpeechThreshold { get; set; } = 0.6f;

    /// <summary>Candidates sampled per fallback retry at non-zero temperature (whisper's greedy.best_of).</summary>
    public int BestOf { get; set; } = 5;

    /// <summary>Let whisper use a GPU when ggml registered one (CUDA on a Jetson or an NVIDIA card).</summary>
    public bool UseGpu { get; set; } = true;

    /// <summary>Which GPU, when there are several.</summary>
    public int GpuDevice { get; set; }

    /// <summary>Use flash attention (whisper.cpp's default since 1.8; faster on GPUs, harmless on CPUs).</summary>
    public bool FlashAttention { get; set; } = true;

    /// <summary>
    /// The Whisper.net runtimes to try, in order, by name: <c>Cuda</c> (CUDA 13), <c>Cuda12</c>, <c>Vulkan</c>,
    /// <c>Cpu</c>, <c>CpuNoAvx</c> (and <c>CoreML</c>, <c>OpenVino</c>). The first one whose library is present and
    /// usable is loaded; a CUDA one only with its libcudart and a device. Empty: Whisper.net's own order, GPU runtimes
    /// first, then CPU.
    /// </summary>
    public IList<string> RuntimeLibraryOrder { get; } = [];

    /// <summary>
    /// A folder holding native whisper libraries laid out as Whisper.net's runtime packages lay them out
    /// (<c>runtimes/linux-arm64/libwhisper.so</c>, <c>runtimes/cuda12/linux-arm64/libwhisper.so</c>, ...), searched
    /// before the application's own folder: for a libwhisper built for the box (a Jetson's CUDA build, Dockerfile.jetson).
    /// </summary>
    public string? LibraryPath { get; set; }
}
