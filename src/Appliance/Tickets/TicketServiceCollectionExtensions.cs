using LiveStt.Appliance.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tickets;

public static partial class TicketServiceCollectionExtensions
{
    /// <summary>
    /// Ticket issuing and checking, the <see cref="TicketAuthentication.Scheme"/> authentication scheme,
    /// the <see cref="TicketAuthentication.ViewerPolicy"/> authorization policy, and the per-address
    /// rate limits for <c>POST /api/tickets</c> and the caption hub (the middleware is added by
    /// <c>MapTicketsApi</c>).
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<TicketOptions, TicketOptionsValidator>(configuration, TicketOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider =>
        {
            var key = TicketSigningKey.FromOptions(provider.GetRequiredService<IOptions<TicketOptions>>().Value);
            Log.KeyReady(
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<TicketSigningKey>(),
                key.FromFile ? "read from Tickets:KeyFile" : "generated for this process");
            return key;
        });
        services.AddSingleton(provider => new UsedTicketRegistry(provider.GetRequiredService<IOptions<TicketOptions>>().Value.MaxRememberedTickets));
        services.AddSingleton<TicketIssuer>();
        services.AddSingleton<TicketValidator>();

        // No default scheme: the handler redeems tickets, so it must run only where the viewer policy asks for it.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TicketAuthenticationHandler>(TicketAuthentication.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TicketAuthentication.ViewerPolicy, policy => policy
                .AddAuthenticationSchemes(TicketAuthentication.Scheme)
                .RequireAuthenticatedUser());

        services.AddRateLimiter(limiter => limiter
            .AddPolicy<string, TicketRateLimiterPolicy>(TicketRateLimiterPolicy.Name)
            .AddPolicy<string, TicketRateLimiterPolicy>(TicketRateLimiterPolicy.HubName));
        return services;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Viewer tickets are signed with a key {Source}")]
        public static partial void KeyReady(ILogger logger, string source);
    }
}
