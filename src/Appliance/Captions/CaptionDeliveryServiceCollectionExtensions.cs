using LiveStt.Appliance.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveStt.Appliance.Captions;

public static class CaptionDeliveryServiceCollectionExtensions
{
    /// <summary>
    /// SignalR, the caption hub's settings, and the broadcaster that is the app's <see cref="ICaptionPublisher"/>.
    /// </summary>
    public static IServiceCollection AddCaptionDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<CaptionDeliveryOptions, CaptionDeliveryOptionsValidator>(configuration, CaptionDeliveryOptions.SectionName);

        services.AddSignalR()
            // Viewers read "kind": "tentative" | "committed" rather than an enum's number.
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .AddHubOptions<CaptionHub>(hub =>
            {
                // Viewers send nothing but the handshake, pings and the odd Earlier call.
                hub.MaximumReceiveMessageSize = 4 * 1024;
                // One call at a time per connection (SignalR's own default, said here because Earlier relies on it).
                hub.MaximumParallelInvocationsPerClient = 1;
                hub.EnableDetailedErrors = false;
            });

        // The hub's connections are kept so each event is serialised once for all viewers (see CaptionHubLifetimeManager).
        services.AddSingleton<CaptionHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<CaptionHub>>(provider => provider.GetRequiredService<CaptionHubLifetimeManager>());
        services.AddSingleton<IViewerSinks>(provider => provider.GetRequiredService<CaptionHubLifetimeManager>());
        services.AddSingleton<CaptionBroadcaster>();
        // Unless a source joined to relays registered its own, which hands events on to them.
        services.TryAddSingleton<ICaptionPublisher>(provider => provider.GetRequiredService<CaptionBroadcaster>());
        return services;
    }
}
