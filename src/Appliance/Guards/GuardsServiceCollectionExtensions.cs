using LiveStt.Appliance.Hosting;

namespace LiveStt.Appliance.Guards;

public static class GuardsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Guards" section. The guards themselves are not registered: each caption session
    /// builds its own <see cref="CaptionGuards"/>, as they remember that session's recent lines.
    /// </summary>
    public static IServiceCollection AddCaptionGuards(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddValidatedOptions<GuardOptions, GuardOptionsValidator>(configuration, GuardOptions.SectionName);
    }
}
