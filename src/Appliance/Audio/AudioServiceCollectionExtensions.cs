using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Audio;

public static class AudioServiceCollectionExtensions
{
    /// <summary>Binds and validates the "Audio" section and registers the <see cref="IAudioSourceFactory"/>.</summary>
    public static IServiceCollection AddAudioInput(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AudioOptions>()
            .Bind(configuration.GetSection(AudioOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AudioOptions>, AudioOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAudioSourceFactory, AudioSourceFactory>();
        return services;
    }
}
