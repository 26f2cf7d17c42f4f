using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Audio;

public static class AudioServiceCollectionExtensions
{
    /// <summary>Binds and validates the "Audio" section and registers the <see cref="IAudioSourceFactory"/> and the device catalog.</summary>
    public static IServiceCollection AddAudioInput(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<AudioOptions, AudioOptionsValidator>(configuration, AudioOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAudioSourceFactory, AudioSourceFactory>();
        services.TryAddSingleton<IAudioDeviceCatalog, AlsaDeviceCatalog>();
        return services;
    }
}
