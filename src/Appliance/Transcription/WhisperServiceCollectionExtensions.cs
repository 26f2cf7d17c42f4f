using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Transcription;

/// <summary>Registers the whisper.cpp runtime and its options.</summary>
public static class WhisperServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="WhisperOptions"/> (section "Whisper") and registers <see cref="IWhisperRuntime"/>
    /// as a singleton. The native library is not loaded here; it loads on first use of the runtime.
    /// </summary>
    public static IServiceCollection AddWhisper(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<WhisperOptions, WhisperOptionsValidator>(configuration, WhisperOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWhisperRuntime, WhisperRuntime>();
        return services;
    }
}
