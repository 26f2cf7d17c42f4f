using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Streaming;

public static class CaptionStreamingServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Streaming" section and registers the caption session: a hosted service
    /// that also answers <see cref="ICaptionSessionState"/>. It needs the model provider, whisper runtime, audio
    /// source factory, voice-activity model, guards, site vocabulary and caption publisher registered by their own
    /// features.
    /// </summary>
    public static IServiceCollection AddCaptionStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<StreamingOptions, StreamingOptionsValidator>(configuration, StreamingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CaptionPipelineFactory>();
        services.TryAddSingleton<CaptionSession>();
        services.TryAddSingleton<ICaptionSessionState>(provider => provider.GetRequiredService<CaptionSession>());
        services.AddHostedService(provider => provider.GetRequiredService<CaptionSession>());
        return services;
    }
}
