namespace LiveStt.Appliance.Apis;

public static class StatusServiceCollectionExtensions
{
    /// <summary>Services behind <see cref="StatusApi.MapStatusApi"/>.</summary>
    public static IServiceCollection AddStatusApi(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<CaptionSessionHealthCheck>("caption-session");
        return services;
    }
}
