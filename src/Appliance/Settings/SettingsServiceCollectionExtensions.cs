using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>Binds and validates the "Settings" section and registers the store of the input the kiosk saved.</summary>
    public static IServiceCollection AddKioskSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<SettingsOptions, SettingsOptionsValidator>(configuration, SettingsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InputSettingsStore>();
        return services;
    }
}
