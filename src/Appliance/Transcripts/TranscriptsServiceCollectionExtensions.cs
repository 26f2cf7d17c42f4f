using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Hosting;

namespace LiveStt.Appliance.Transcripts;

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Transcripts" section; the store, retention, and the transcripts as the captions'
    /// <see cref="ICaptionHistory"/>.
    /// </summary>
    public static IServiceCollection AddTranscripts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<TranscriptOptions, TranscriptOptionsValidator>(configuration, TranscriptOptions.SectionName);
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<OpenTranscripts>();
        services.AddSingleton<TranscriptHistory>();
        services.AddSingleton<ICaptionHistory>(provider => provider.GetRequiredService<TranscriptHistory>());
        services.AddSingleton<TranscriptRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<TranscriptRetention>());
        return services;
    }
}
