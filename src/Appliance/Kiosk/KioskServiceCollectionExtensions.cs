using LiveStt.Appliance.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

public static class KioskServiceCollectionExtensions
{
    /// <summary>
    /// The kiosk's sign-in: the "Kiosk" options, its PIN and guess limiter, the cookie scheme (made the default, so a
    /// request that carries a viewer ticket is never authenticated with it by accident), the volunteer policy,
    /// anti-forgery tokens, and data-protection keys on the data volume; and the status pushed to unlocked kiosks.
    /// Needs SignalR (caption delivery adds it).
    /// </summary>
    public static IServiceCollection AddKiosk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<KioskOptions, KioskOptionsValidator>(configuration, KioskOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KioskPin>();
        services.TryAddSingleton<KioskHostGate>();
        services.TryAddSingleton<PinAttemptLimiter>();
        services.TryAddSingleton<KioskAudience>();
        services.TryAddSingleton<BoxProbe>();
        services.TryAddSingleton<KioskStatusPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<KioskStatusPublisher>());

        services.AddDataProtection().SetApplicationName("LiveStt.Appliance");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KioskKeyStorage>();

        services.AddAuthentication(KioskAuthentication.Scheme)
            .AddCookie(KioskAuthentication.Scheme, cookie =>
            {
                cookie.Cookie.Name = KioskAuthentication.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                // An API answers 401 and 403; there is no login page to redirect to.
                cookie.Events.OnRedirectToLogin = context => StatusOnly(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => StatusOnly(context.Response, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<CookieAuthenticationOptions>(KioskAuthentication.Scheme)
            .Configure<IOptions<KioskOptions>>((cookie, kiosk) => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(kiosk.Value.SessionIdleMinutes));
        services.AddAuthorizationBuilder()
            .AddPolicy(KioskAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(KioskAuthentication.Scheme)
                .RequireAuthenticatedUser()
                // A session unlocked on the local network is no key through a refused (public) address either.
                .RequireAssertion(context => context.Resource is not HttpContext http
                    || !http.RequestServices.GetRequiredService<KioskHostGate>().Refuses(http.Request.Host)));

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = KioskAuthentication.AntiforgeryHeader;
            antiforgery.Cookie.Name = KioskAuthentication.AntiforgeryCookieName;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    private static Task StatusOnly(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
