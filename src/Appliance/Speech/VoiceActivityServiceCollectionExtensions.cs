using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Speech;

public static class VoiceActivityServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Vad" section and registers the Silero detector factory. It needs the whisper runtime
    /// (<c>AddWhisper</c>): the model runs in the libwhisper Whisper.net loads.
    /// </summary>
    public static IServiceCollection AddVoiceActivity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<VoiceActivityOptions, VoiceActivityOptionsValidator>(configuration, VoiceActivityOptions.SectionName);
        services.TryAddSingleton<IVoiceActivityDetectorFactory, SileroVoiceActivityDetectorFactory>();
        return services;
    }
}
