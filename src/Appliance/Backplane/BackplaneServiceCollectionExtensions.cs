using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Backplane;

public static class BackplaneServiceCollectionExtensions
{
    /// <summary>
    /// With <see cref="CaptionDeliveryOptions.Redis"/> set: the shared ticket ledger, and either the source's forwarder
    /// (this box captions; its events go to Redis after its own viewers) or, with <see cref="CaptionDeliveryOptions.Relay"/>,
    /// the relay that serves the source's events, its history from Redis, and a session controller that runs no session.
    /// Without it, nothing.
    /// Call after <c>AddTranscripts</c> and before <c>AddCaptionStreaming</c> and <c>AddCaptionDelivery</c>: what it
    /// registers takes the place of their history, session controller and publisher.
    /// </summary>
    public static IServiceCollection AddCaptionBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton<BackplaneMonitor>();
        var section = configuration.GetSection(CaptionDeliveryOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(CaptionDeliveryOptions.Redis)]))
        {
            return services;
        }

        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<ISharedTicketLedger, RedisTicketLedger>();
        if (section.GetValue<bool>(nameof(CaptionDeliveryOptions.Relay)))
        {
            services.AddSingleton<RelaySessionController>();
            services.AddSingleton<ISessionController>(provider => provider.GetRequiredService<RelaySessionController>());
            services.AddSingleton<ICaptionSessionState>(provider => provider.GetRequiredService<RelaySessionController>());
            // Registered after the transcripts' own history, so this one is what the hub and the broadcaster get.
            services.AddSingleton<ICaptionHistory, BackplaneCaptionHistory>();
            services.AddSingleton<BackplaneRelay>();
            services.AddHostedService(provider => provider.GetRequiredService<BackplaneRelay>());
        }
        else
        {
            services.AddSingleton<BackplaneForwarder>();
            services.AddHostedService(provider => provider.GetRequiredService<BackplaneForwarder>());
            services.AddSingleton<ICaptionPublisher, BackplanePublisher>();
        }

        return services;
    }
}
