namespace LiveStt.Appliance.Interop;

/// <summary>A compute device ggml registered, e.g. "CPU" or "CUDA0".</summary>
/// <param name="Name">ggml_backend_dev_name.</param>
/// <param name="Type">enum ggml_backend_dev_type: 0 CPU, 1 GPU, 2 integrated GPU, 3 accelerator.</param>
internal sealed record WhisperDevice(string Name, int Type)
{
    public const int TypeGpu = 1;
    public const int TypeIntegratedGpu = 2;

    public bool IsGpu => Type is TypeGpu or TypeIntegratedGpu;
}
