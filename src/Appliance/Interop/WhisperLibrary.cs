using System.Runtime.InteropServices;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// libwhisper, loaded once per process and checked before anything else touches it: the library and its
/// ggml dependency must load, export every symbol the binding calls, report a 1.9.x version, and hand back
/// default parameter structs that read correctly through this build's struct definitions. Any failure is
/// a <see cref="WhisperLibraryException"/> whose message says what to install; the result (or the failure)
/// is cached, since the process cannot load a different libwhisper later.
/// </summary>
internal sealed unsafe class WhisperLibrary
{
    private static readonly Lazy<WhisperLibrary> s_shared = new(LoadAndCheck, LazyThreadSafetyMode.ExecutionAndPublication);

    private WhisperLibrary(
        string version,
        string systemInfo,
        IReadOnlyList<WhisperDevice> devices,
        WhisperFullParams greedyDefaults,
        WhisperContextParams contextDefaults)
    {
        Version = version;
        SystemInfo = systemInfo;
        Devices = devices;
        GreedyDefaults = greedyDefaults;
        ContextDefaults = contextDefaults;
    }

    /// <summary>The checked library; the first call loads it. Throws <see cref="WhisperLibraryException"/>.</summary>
    public static WhisperLibrary Shared => s_shared.Value;

    /// <summary>whisper_version(), e.g. "1.9.5-dev".</summary>
    public string Version { get; }

    /// <summary>whisper_print_system_info(), trimmed.</summary>
    public string SystemInfo { get; }

    /// <summary>The compute devices ggml registered.</summary>
    public IReadOnlyList<WhisperDevice> Devices { get; }

    /// <summary>whisper_full_default_params(GREEDY), checked; the starting point of every decode's params.</summary>
    public WhisperFullParams GreedyDefaults { get; }

    /// <summary>whisper_context_default_params(), checked.</summary>
    public WhisperContextParams ContextDefaults { get; }

    private static WhisperLibrary LoadAndCheck()
    {
        var whisper = LoadNative(
            WhisperNative.LibraryName,
            "Install Debian's libwhisper1 package (whisper.cpp 1.9.x; it needs glibc 2.43 or newer, i.e. Debian forky " +
            "or later, which the appliance image provides): apt-get install libwhisper1.");
        RequireExports(whisper, WhisperNative.LibraryName, WhisperNative.RequiredWhisperExports);

        var version = Utf8(WhisperNative.whisper_version()) ?? string.Empty;
        if (!WhisperVersion.IsSupported(version))
        {
            throw new WhisperLibraryException(WhisperVersion.DescribeUnsupported(version));
        }

        var ggml = LoadNative(
            WhisperNative.GgmlLibraryName,
            "It comes with libwhisper1 as its dependency libggml0; reinstall it: apt-get install --reinstall libggml0.");
        RequireExports(ggml, WhisperNative.GgmlLibraryName, [.. WhisperNative.RequiredGgmlExports, "ggml_backend_load_all"]);

        var greedy = ReadCheckedFullDefaults(version, WhisperNative.SamplingGreedy);
        _ = ReadCheckedFullDefaults(version, WhisperNative.SamplingBeamSearch);
        var context = ReadCheckedContextDefaults(version);

        WhisperNative.whisper_log_set(WhisperLogRouter.Callback, 0);
        var devices = LoadComputeBackends(ggml);
        var systemInfo = (Utf8(WhisperNative.whisper_print_system_info()) ?? string.Empty).Trim();
        return new WhisperLibrary(version, systemInfo, devices, greedy, context);
    }

    private static nint LoadNative(string name, string remedy)
    {
        try
        {
            return NativeLibrary.Load(name);
        }
        catch (DllNotFoundException ex)
        {
            throw new WhisperLibraryException($"{name} could not be loaded ({ex.Message.Trim()}). {remedy}", ex);
        }
        catch (BadImageFormatException ex)
        {
            throw new WhisperLibraryException($"{name} is not a library for this machine's architecture ({ex.Message.Trim()}). {remedy}", ex);
        }
    }

    private static void RequireExports(nint library, string name, IEnumerable<string> exports)
    {
        var missing = exports.Where(export => !NativeLibrary.TryGetExport(library, export, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new WhisperLibraryException(
                $"{name} lacks functions this build of LiveStt calls: {string.Join(", ", missing)}. " +
                $"It is not the whisper.cpp {WhisperVersion.SupportedMajor}.{WhisperVersion.SupportedMinor}.x library this build binds; " +
                "install libwhisper1 1.9.x (Debian forky).");
        }
    }

    private static WhisperFullParams ReadCheckedFullDefaults(string version, int strategy)
    {
        using var defaults = WhisperNative.whisper_full_default_params_by_ref(strategy);
        if (defaults.IsInvalid)
        {
            throw new WhisperLibraryException($"whisper_full_default_params_by_ref({strategy}) returned NULL in libwhisper {version}.");
        }

        // Our struct's size is read from the library's allocation. Were the library's struct smaller, this
        // reads a few bytes past it within the heap block, never writes; the mismatch is then reported.
        var bytes = new ReadOnlySpan<byte>((void*)defaults.DangerousGetHandle(), WhisperParamsLayout.FullParamsSize);
        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(bytes, strategy, Utf8);
        if (mismatches.Count > 0)
        {
            throw new WhisperLibraryException(WhisperParamsLayout.DescribeMismatch(version, mismatches));
        }

        return MemoryMarshal.Read<WhisperFullParams>(bytes);
    }

    private static WhisperContextParams ReadCheckedContextDefaults(string version)
    {
        using var defaults = WhisperNative.whisper_context_default_params_by_ref();
        if (defaults.IsInvalid)
        {
            throw new WhisperLibraryException($"whisper_context_default_params_by_ref() returned NULL in libwhisper {version}.");
        }

        var bytes = new ReadOnlySpan<byte>((void*)defaults.DangerousGetHandle(), WhisperParamsLayout.ContextParamsSize);
        var mismatches = WhisperParamsLayout.FindContextParamsMismatches(bytes);
        if (mismatches.Count > 0)
        {
            throw new WhisperLibraryException(WhisperParamsLayout.DescribeMismatch(version, mismatches));
        }

        return MemoryMarshal.Read<WhisperContextParams>(bytes);
    }

    /// <summary>
    /// Debian builds ggml's compute backends as plug-ins (ggml/backends0/libggml-cpu-*.so, -cuda.so) that the
    /// application must load; libwhisper does not, and creating a context without one aborts the process.
    /// A build with backends linked in has devices already and is left alone, so none is registered twice.
    /// </summary>
    private static List<WhisperDevice> LoadComputeBackends(nint ggml)
    {
        if (WhisperNative.ggml_backend_dev_count() == 0)
        {
            var loadAll = (delegate* unmanaged[Cdecl]<void>)NativeLibrary.GetExport(ggml, "ggml_backend_load_all");
            loadAll();
        }

        var devices = new List<WhisperDevice>();
        var count = WhisperNative.ggml_backend_dev_count();
        for (nuint i = 0; i < count; i++)
        {
            var device = WhisperNative.ggml_backend_dev_get(i);
            devices.Add(new WhisperDevice(Utf8(WhisperNative.ggml_backend_dev_name(device)) ?? $"device{i}", WhisperNative.ggml_backend_dev_type(device)));
        }

        if (devices.Count == 0)
        {
            throw new WhisperLibraryException(
                "ggml found no compute backend, so whisper cannot run (a context would abort the process). " +
                "The CPU backends come with libggml0 (ggml/backends0/libggml-cpu-*.so under the library directory); " +
                "reinstall it: apt-get install --reinstall libggml0.");
        }

        return devices;
    }

    private static string? Utf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((nint)text);

    private static string? Utf8(nint text) => text == 0 ? null : Marshal.PtrToStringUTF8(text);
}
