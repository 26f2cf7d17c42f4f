using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Streaming;

public static class CaptionStreamingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Streaming" section and registers the session controller: a hosted service that also
    /// answers <see cref="ISessionController"/> and <see cref="ICaptionSessionState"/>. It needs the model provider,
    /// whisper runtime, input settings, audio source factory, voice-activity model, guards, site vocabulary,
    /// transcripts and caption publisher registered by their own features. Where another controller is registered
    /// already (a relay's, which runs no session), this one is not.
    /// </summary>
    public static IServiceCollection AddCaptionStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<StreamingOptions, StreamingOptionsValidator>(configuration, StreamingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CaptionPipelineFactory>();
        if (services.Any(service => service.ServiceType == typeof(ISessionController)))
        {
            return services;
        }

        services.TryAddSingleton<CaptionSessionController>();
        services.TryAddSingleton<ISessionController>(provider => provider.GetRequiredService<CaptionSessionController>());
        services.TryAddSingleton<ICaptionSessionState>(provider => provider.GetRequiredService<CaptionSessionController>());
        services.AddHostedService(provider => provider.GetRequiredService<CaptionSessionController>());
        return services;
    }
}
